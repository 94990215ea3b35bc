package io.cift.examples.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts with readable axes: "nice" value ticks (1, 2, 2.5 or 5 times a power of ten), date ticks
 * on whole years, quarters or months chosen so that no two labels overlap, gridlines and a legend. Each chart's
 * root carries {@code data-series-color}, the colour of its first series, so that a test can find it in a
 * screenshot. Stateless.
 */
final class SvgChart {

    static final int W = 960;
    static final int H = 280;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 26;
    static final int BOTTOM = 30;
    /** Width of one character of the 11 px labels, generously (DejaVu Sans digits are about 7 px). */
    static final double CHAR_PX = 7.0;
    /** Space kept between two labels. */
    static final double LABEL_GAP = 12;

    /** One series: its name (for the legend), colour and values. */
    record Series(String name, String color, double[] y) {
    }

    /** A tick: where (pixels for date and category ticks, the value itself for value ticks) and what it says. */
    record Tick(double at, String label) {
    }

    private SvgChart() {
    }

    /**
     * Lines over dates.
     *
     * @param dates the x values
     * @param series the lines, the first one drawn last (on top)
     * @param log whether the value axis is logarithmic (values must be positive)
     * @param percent whether values are fractions shown as percentages
     * @return the SVG element
     */
    static String lines(LocalDate[] dates, List<Series> series, boolean log, boolean percent) {
        double[] range = range(series, log);
        List<Tick> yTicks = log ? logTicks(range[0], range[1]) : valueTicks(range[0], range[1], percent);
        double lo = log ? Math.log(range[0]) : yTicks.get(0).at();
        double hi = log ? Math.log(range[1]) : yTicks.get(yTicks.size() - 1).at();
        StringBuilder s = open(series.get(0).color());
        yAxis(s, yTicks, lo, hi, log);
        xDateAxis(s, dateTicks(dates[0], dates[dates.length - 1]), dates[0], dates[dates.length - 1]);
        for (int k = series.size() - 1; k >= 0; k--) {
            Series se = series.get(k);
            StringBuilder pts = new StringBuilder();
            boolean open = false;
            for (int i = 0; i < dates.length; i++) {
                double v = se.y()[i];
                if (!Double.isFinite(v) || log && v <= 0) {
                    if (open) {
                        polyline(s, pts, se.color());
                        pts.setLength(0);
                        open = false;
                    }
                    continue;
                }
                double x = xOf(dates[i], dates[0], dates[dates.length - 1]);
                double y = yOf(log ? Math.log(v) : v, lo, hi);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                open = true;
            }
            if (open) {
                polyline(s, pts, se.color());
            }
        }
        legend(s, series);
        return s.append("</svg>\n").toString();
    }

    /**
     * A filled area under zero over dates (drawdowns).
     *
     * @param dates the x values
     * @param y the values, at most 0
     * @param color the fill colour
     * @return the SVG element
     */
    static String underwater(LocalDate[] dates, double[] y, String color) {
        Series se = new Series("drawdown", color, y);
        double[] range = range(List.of(se), false);
        double lo = range[0];
        double hi = 0;
        List<Tick> yTicks = valueTicks(lo, hi, true);
        lo = Math.min(lo, yTicks.get(0).at());
        StringBuilder s = open(color);
        yAxis(s, yTicks, lo, hi, false);
        xDateAxis(s, dateTicks(dates[0], dates[dates.length - 1]), dates[0], dates[dates.length - 1]);
        StringBuilder pts = new StringBuilder();
        double zero = yOf(0, lo, hi);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", (double) LEFT, zero));
        for (int i = 0; i < dates.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", xOf(dates[i], dates[0], dates[dates.length - 1]),
                    yOf(y[i], lo, hi)));
        }
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f", (double) (W - RIGHT), zero));
        s.append("<polygon fill=\"").append(color).append("\" stroke=\"").append(color).append("\" points=\"")
                .append(pts).append("\"/>\n");
        return s.append("</svg>\n").toString();
    }

    /**
     * Grouped bars by category (yearly returns beside the benchmark's, a histogram).
     *
     * @param categories the category labels
     * @param series one bar per category and series
     * @param percent whether values are fractions shown as percentages
     * @return the SVG element
     */
    static String bars(String[] categories, List<Series> series, boolean percent) {
        double[] range = range(series, false);
        List<Tick> yTicks = valueTicks(Math.min(0, range[0]), Math.max(0, range[1]), percent);
        double lo = Math.min(yTicks.get(0).at(), Math.min(0, range[0]));
        double hi = Math.max(yTicks.get(yTicks.size() - 1).at(), Math.max(0, range[1]));
        StringBuilder s = open(series.get(0).color());
        yAxis(s, yTicks, lo, hi, false);
        double plot = W - LEFT - RIGHT;
        double slot = plot / categories.length;
        double barW = Math.max(1, slot * 0.8 / series.size());
        double zero = yOf(0, lo, hi);
        for (int c = 0; c < categories.length; c++) {
            for (int k = 0; k < series.size(); k++) {
                double v = series.get(k).y()[c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double y = yOf(v, lo, hi);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        LEFT + c * slot + slot * 0.1 + k * barW, Math.min(y, zero), barW, Math.max(0.5, Math.abs(zero - y)),
                        series.get(k).color()));
            }
        }
        for (Tick t : categoryTicks(categories)) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    t.at(), H - 10, HtmlReport.esc(t.label())));
        }
        legend(s, series);
        return s.append("</svg>\n").toString();
    }

    /** Category labels, every k-th one so that none overlap; at the centre of its slot. */
    static List<Tick> categoryTicks(String[] categories) {
        double slot = (double) (W - LEFT - RIGHT) / categories.length;
        int longest = 1;
        for (String c : categories) {
            longest = Math.max(longest, c.length());
        }
        int every = (int) Math.ceil((longest * CHAR_PX + LABEL_GAP) / slot);
        List<Tick> out = new ArrayList<>();
        for (int c = 0; c < categories.length; c += Math.max(1, every)) {
            out.add(new Tick(LEFT + (c + 0.5) * slot, categories[c]));
        }
        return out;
    }

    /** Value ticks: 4 to 8 nice steps covering [lo, hi]. */
    static List<Tick> valueTicks(double lo, double hi, boolean percent) {
        if (!(hi > lo)) {
            double pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 0.01;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        List<Tick> out = new ArrayList<>();
        double shownStep = step * (percent ? 100 : 1);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(shownStep) + 1e-9));
        if (Math.abs(shownStep * Math.pow(10, decimals) - Math.rint(shownStep * Math.pow(10, decimals))) > 1e-6) {
            decimals++;                                   // 2.5 times a power of ten
        }
        for (int i = 0; first + i * step <= last + step / 2; i++) {
            double v = first + i * step;
            double shown = Math.abs(v) < step / 1e6 ? 0 : v;
            out.add(new Tick(shown, format(shown, percent, decimals)));
        }
        return out;
    }

    /** Ticks of a logarithmic axis: 1, 2 and 5 times powers of ten (values are growth of 1). */
    static List<Tick> logTicks(double lo, double hi) {
        List<Tick> out = logTicks(lo, hi, new double[] {1, 2, 5});
        if (out.size() < 4) {
            out = logTicks(lo, hi, new double[] {1, 1.5, 2, 3, 5, 7});
        }
        if (out.size() < 2) {
            out.clear();
            out.add(new Tick(lo, trim(lo)));
            out.add(new Tick(hi, trim(hi)));
        }
        return out;
    }

    private static List<Tick> logTicks(double lo, double hi, double[] mantissas) {
        List<Tick> out = new ArrayList<>();
        double p = Math.pow(10, Math.floor(Math.log10(lo)));
        while (p <= hi * 10) {
            for (double m : mantissas) {
                double v = m * p;
                if (v >= lo / 1.0001 && v <= hi * 1.0001) {
                    out.add(new Tick(v, trim(v)));
                }
            }
            p *= 10;
        }
        return out;
    }

    /**
     * Date ticks from first to last: every day, second day, week or fortnight (ISO dates), every month or quarter
     * (year-month), every year, second, fifth or tenth year; the finest that gives at least two labels with a gap
     * between them (for a span of a day or two, the first date alone).
     *
     * @param first the first date
     * @param last the last date
     * @return the ticks, positions in pixels
     */
    static List<Tick> dateTicks(LocalDate first, LocalDate last) {
        List<Tick> fallback = null;
        for (int days : new int[] {1, 2, 7, 14}) {
            List<Tick> ticks = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(days)) {
                ticks.add(new Tick(xOf(d, first, last), d.toString()));
            }
            if (fits(ticks) && ticks.size() >= 2) {
                return ticks;
            }
        }
        for (int months : new int[] {1, 3, 12, 24, 60, 120}) {
            List<Tick> ticks = new ArrayList<>();
            LocalDate d;
            if (months >= 12) {
                d = LocalDate.of(first.getYear() + (first.getDayOfYear() == 1 ? 0 : 1), 1, 1);
                d = d.withYear(d.getYear() + Math.floorMod(-d.getYear(), months / 12));
            } else {
                d = first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
                while ((d.getMonthValue() - 1) % months != 0) {
                    d = d.plusMonths(1);
                }
            }
            for (; !d.isAfter(last); d = d.plusMonths(months)) {
                String label = months >= 12 ? Integer.toString(d.getYear())
                        : String.format(Locale.ROOT, "%d-%02d", d.getYear(), d.getMonthValue());
                ticks.add(new Tick(xOf(d, first, last), label));
            }
            if (fits(ticks) && ticks.size() >= 2) {
                return ticks;
            }
            if (fallback == null && fits(ticks) && !ticks.isEmpty()) {
                fallback = ticks;
            }
        }
        return fallback != null ? fallback : List.of(new Tick(xOf(first, first, last) + first.toString().length() * CHAR_PX / 2,
                first.toString()));
    }

    /** Whether labels centred on their ticks leave {@link #LABEL_GAP} between them and stay inside the chart. */
    static boolean fits(List<Tick> ticks) {
        for (int i = 0; i < ticks.size(); i++) {
            double half = ticks.get(i).label().length() * CHAR_PX / 2;
            if (ticks.get(i).at() - half < 0 || ticks.get(i).at() + half > W) {
                return false;
            }
            if (i > 0) {
                double prevHalf = ticks.get(i - 1).label().length() * CHAR_PX / 2;
                if (ticks.get(i).at() - half - (ticks.get(i - 1).at() + prevHalf) < LABEL_GAP) {
                    return false;
                }
            }
        }
        return true;
    }

    static double xOf(LocalDate d, LocalDate first, LocalDate last) {
        long span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        return LEFT + (W - LEFT - RIGHT) * (double) (d.toEpochDay() - first.toEpochDay()) / span;
    }

    private static double yOf(double v, double lo, double hi) {
        return TOP + (H - TOP - BOTTOM) * (hi - v) / (hi - lo);
    }

    private static StringBuilder open(String color) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" data-series-color=\"").append(color).append("\">\n");
    }

    private static void yAxis(StringBuilder s, List<Tick> ticks, double lo, double hi, boolean log) {
        for (Tick t : ticks) {
            double y = yOf(log ? Math.log(t.at()) : t.at(), lo, hi);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT, y, W - RIGHT, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, t.label()));
        }
    }

    private static void xDateAxis(StringBuilder s, List<Tick> ticks, LocalDate first, LocalDate last) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9e9e9e\"/>%n",
                LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM));
        for (Tick t : ticks) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9e9e9e\"/>%n",
                    t.at(), H - BOTTOM, t.at(), H - BOTTOM + 4));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    t.at(), H - 10, t.label()));
        }
    }

    private static void polyline(StringBuilder s, StringBuilder pts, String color) {
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\" points=\"")
                .append(pts).append("\"/>\n");
    }

    private static void legend(StringBuilder s, List<Series> series) {
        double x = LEFT + 8;
        for (Series se : series) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"10\" fill=\"%s\"/>%n", x, se.color()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"17\" font-size=\"11\">%s</text>%n", x + 16,
                    HtmlReport.esc(se.name())));
            x += 16 + se.name().length() * CHAR_PX + 18;
        }
    }

    private static double[] range(List<Series> series, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series se : series) {
            for (double v : se.y()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return log ? new double[] {1, 2} : new double[] {0, 1};
        }
        if (log && hi / lo < 1.0001) {
            return new double[] {lo / 1.1, hi * 1.1};
        }
        return new double[] {lo, hi};
    }

    private static String format(double v, boolean percent, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", percent ? v * 100 : v) + (percent ? "%" : "");
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
