package io.cift.examples.report;

import io.cift.examples.cli.CiftCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tearsheet ({@code cift analytics performance --html}) of ten years of daily values with a benchmark, rendered
 * by headless Chromium (Debian's {@code chromium}): in the screenshot, every chart's own colour covers hundreds of
 * pixels, so every chart drew. Chromium runs with no network and a profile of its own; without it the test fails
 * under {@code CI=true} and is skipped otherwise ({@code scripts/test.sh} installs it).
 */
class TearsheetRenderIT {

    private static final Pattern SERIES_COLOR = Pattern.compile("data-series-color=\"#([0-9a-f]{6})\"");

    @TempDir
    Path dir;

    @Test
    void everyChartOfTheTearsheetDrawsInChromium() throws Exception {
        String chromium = chromium();
        Path values = copy("values.csv");
        Path bench = copy("benchmark.csv");
        Path html = dir.resolve("tearsheet.html");
        picocli.CommandLine cli = CiftCommand.newCommandLine();
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("analytics", "performance", "--values", values.toString(), "--benchmark", bench.toString(),
                "--html", html.toString())).isZero();
        String page = Files.readString(html);
        List<String> colors = new ArrayList<>();
        Matcher m = SERIES_COLOR.matcher(page);
        while (m.find()) {
            colors.add(m.group(1));
        }
        assertThat(colors).as("one chart for each of the tearsheet's figures").hasSize(9).doesNotHaveDuplicates();

        Path png = dir.resolve("tearsheet.png");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1100,6500", "--screenshot=" + png,
                html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish the screenshot within 120 s");
        }
        assertThat(png).as("chromium's screenshot (log: %s)", Files.readString(dir.resolve("chromium.log"))).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        for (String c : colors) {
            assertThat(pixels(image, c)).as("pixels of the chart drawn in #%s", c).isGreaterThan(300);
        }
        assertThat(pixels(image, "123456")).as("a colour no chart uses").isLessThan(10);
        // the page ends above the bottom of the window: the last table was not cut off
        assertThat(pixels(image, "fafafa")).as("chart backgrounds").isGreaterThan(9 * 100_000);
    }

    /** Pixels within a small distance of a colour (anti-aliasing blends the edges of lines). */
    private static int pixels(BufferedImage image, String hex) {
        int rgb = Integer.parseInt(hex, 16);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int q = image.getRGB(x, y);
                if (Math.abs((q >> 16 & 0xff) - r) + Math.abs((q >> 8 & 0xff) - g) + Math.abs((q & 0xff) - b) <= 24) {
                    n++;
                }
            }
        }
        return n;
    }

    private Path copy(String file) throws IOException {
        try (InputStream in = TearsheetRenderIT.class.getResourceAsStream("/quantstats/ten-years/" + file)) {
            assertThat(in).as("test resource quantstats/ten-years/%s", file).isNotNull();
            Path to = dir.resolve(file);
            Files.write(to, in.readAllBytes());
            return to;
        }
    }

    /** Debian's chromium, or the test ends: a failure under CI=true, a skip elsewhere. */
    private static String chromium() {
        for (String candidate : new String[] {System.getenv("CIFT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String why = "no chromium to render the tearsheet (apt-get install chromium; scripts/test.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why);
        }
        org.junit.jupiter.api.Assumptions.abort(why);
        return null;
    }
}
