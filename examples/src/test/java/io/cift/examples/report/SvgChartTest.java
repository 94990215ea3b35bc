package io.cift.examples.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tearsheet's axes: ticks that never overlap, stay inside the chart, and read as round numbers and dates. */
class SvgChartTest {

    @Test
    void dateLabelsNeverOverlapWhateverTheSpan() {
        LocalDate start = LocalDate.of(2014, 1, 2);
        for (int days : new int[] {20, 45, 100, 200, 400, 800, 1_500, 3_650, 7_300, 14_600, 36_500}) {
            List<SvgChart.Tick> ticks = SvgChart.dateTicks(start, start.plusDays(days));
            assertThat(ticks).as("%d days", days).isNotEmpty();
            assertThat(SvgChart.fits(ticks)).as("%d days: %s", days, ticks).isTrue();
            for (int i = 1; i < ticks.size(); i++) {
                double gap = ticks.get(i).at() - ticks.get(i - 1).at()
                        - (ticks.get(i).label().length() + ticks.get(i - 1).label().length()) * SvgChart.CHAR_PX / 2;
                assertThat(gap).as("%d days, labels %s and %s", days, ticks.get(i - 1).label(), ticks.get(i).label())
                        .isGreaterThanOrEqualTo(SvgChart.LABEL_GAP);
            }
            if (days >= 100) {
                assertThat(ticks.size()).as("%d days: enough ticks to read", days).isGreaterThanOrEqualTo(2);
            }
        }
        // ten years: one label a year, on the first of January
        List<SvgChart.Tick> decade = SvgChart.dateTicks(start, LocalDate.of(2023, 12, 29));
        assertThat(decade).extracting(SvgChart.Tick::label).containsExactly("2015", "2016", "2017", "2018", "2019", "2020",
                "2021", "2022", "2023");
        // a year: months; three years: quarters; three weeks: days
        assertThat(SvgChart.dateTicks(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 12, 31))).extracting(SvgChart.Tick::label)
                .containsExactly("2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09",
                        "2024-10", "2024-11", "2024-12");
        assertThat(SvgChart.dateTicks(LocalDate.of(2022, 1, 3), LocalDate.of(2024, 12, 31))).extracting(SvgChart.Tick::label)
                .startsWith("2022-04", "2022-07", "2022-10", "2023-01");
        assertThat(SvgChart.dateTicks(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 22))).extracting(SvgChart.Tick::label)
                .containsExactly("2024-03-04", "2024-03-11", "2024-03-18");
    }

    @Test
    void valueTicksAreRoundAndCoverTheRange() {
        assertThat(SvgChart.valueTicks(-0.37, 2.9, true)).extracting(SvgChart.Tick::label)
                .containsExactly("-100%", "0%", "100%", "200%", "300%");
        assertThat(SvgChart.valueTicks(0.61, 0.86, false)).extracting(SvgChart.Tick::label)
                .containsExactly("0.60", "0.65", "0.70", "0.75", "0.80", "0.85", "0.90");
        assertThat(SvgChart.valueTicks(-4.1, 7.4, false)).extracting(SvgChart.Tick::label)
                .containsExactly("-5.0", "-2.5", "0.0", "2.5", "5.0", "7.5");
        assertThat(SvgChart.valueTicks(3, 3, false)).as("a flat series still gets an axis").hasSizeGreaterThanOrEqualTo(2);
        assertThat(SvgChart.logTicks(0.55, 3.4)).extracting(SvgChart.Tick::label).contains("1", "2", "3");
    }

    @Test
    void categoryLabelsAreThinnedUntilTheyFit() {
        String[] bins = new String[40];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = String.format(java.util.Locale.ROOT, "%.1f%%", -3.8 + i * 0.2);
        }
        List<SvgChart.Tick> ticks = SvgChart.categoryTicks(bins);
        assertThat(ticks.size()).isBetween(5, 20);
        assertThat(SvgChart.fits(ticks)).isTrue();
        String[] years = {"2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"};
        assertThat(SvgChart.categoryTicks(years)).hasSize(10);
    }
}
