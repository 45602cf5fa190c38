package org.outdial.testbed.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG chart of the pacing grid (issue 11): operator occupancy (y, percent) against abandonment
 * (x, percent), one colour and marker shape per policy, each point labelled with its team size, a
 * legend, ticked axes and the abandonment cap as a dashed vertical line. Written as SVG text by
 * hand: a chart of a few dozen points needs no library, and the file opens in any browser.
 */
public final class OccupancyChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"};

    private OccupancyChart() {
    }

    /**
     * The chart of {@code results} titled {@code title}, with the cap {@code targetPercent} drawn.
     * The x axis runs to the largest abandonment shown (at least twice the cap), the y axis 0-100 %.
     */
    public static String svg(String title, List<SimulationResult> results, double targetPercent) {
        Map<String, List<SimulationResult>> byPolicy = new LinkedHashMap<>();
        double maxX = 2 * targetPercent;
        for (SimulationResult r : results) {
            byPolicy.computeIfAbsent(r.policy(), p -> new ArrayList<>()).add(r);
            maxX = Math.max(maxX, r.abandonedPercent());
        }
        double xStep = niceStep(maxX / 8);
        maxX = Math.ceil(maxX / xStep) * xStep;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double x = 0; x <= maxX + 1e-9; x += xStep) {
            double px = LEFT + x / maxX * plotW;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP, px, TOP + plotH, px, TOP + plotH + 16, label(x)));
        }
        for (int y = 0; y <= 100; y += 10) {
            double py = TOP + plotH - y / 100.0 * plotH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
                    LEFT, py, LEFT + plotW, py, LEFT - 6, py + 4, y));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">abandoned, %% of live-answered calls</text>%n",
                LEFT + plotW / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(20 %d) rotate(-90)\" text-anchor=\"middle\">"
                + "operator occupancy, %% (talk + wrap-up)</text>%n", TOP + plotH / 2));
        double capX = LEFT + targetPercent / maxX * plotW;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" "
                + "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%d\" fill=\"#d62728\">%s %% cap</text>%n",
                capX, TOP, capX, TOP + plotH, capX + 4, TOP + 14, label(targetPercent)));
        int i = 0;
        for (Map.Entry<String, List<SimulationResult>> e : byPolicy.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            for (SimulationResult r : e.getValue()) {
                double px = LEFT + r.abandonedPercent() / maxX * plotW;
                double py = TOP + plotH - r.occupancy() * plotH;
                svg.append(marker(i, px, py, colour));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"%s\">%d</text>%n",
                        px + 6, py - 4, colour, r.workload().operators()));
            }
            int ly = TOP + 10 + i * 20;
            svg.append(marker(i, LEFT + plotW + 20, ly, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 32, ly + 4,
                    escape(e.getKey())));
            i++;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">labels: team size</text>%n",
                LEFT + plotW + 14, TOP + 14 + i * 20));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Policy {@code i}'s marker at (x, y): circle, square, triangle, diamond, then again. */
    private static String marker(int i, double x, double y, String colour) {
        return switch (i % 4) {
            case 0 -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>%n", x, y, colour);
            case 1 -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>%n",
                    x - 4, y - 4, colour);
            case 2 -> String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>%n",
                    x, y - 5, x - 5, y + 4, x + 5, y + 4, colour);
            default -> String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>%n",
                    x, y - 5, x + 5, y, x, y + 5, x - 5, y, colour);
        };
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw - 1e-12) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
