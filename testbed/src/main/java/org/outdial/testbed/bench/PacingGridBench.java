package org.outdial.testbed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.outdial.testbed.simulate.GridPolicy;
import org.outdial.testbed.simulate.OccupancyChart;
import org.outdial.testbed.simulate.SimulationResult;
import org.outdial.testbed.simulate.Workload;

/**
 * {@code ./outdial bench pacing-grid}: issue 11's pacing grid on the discrete-event simulator. Every
 * cell (answer rate × team; talk exponential, mean 120 s; wrap-up 15 s; dial to answer uniform
 * 6-24 s; ring timeout 30 s; operators answer every offer) runs every policy with the same seed, on
 * a simulated clock; cells run in parallel on the machine's cores. Prints one Markdown table per
 * answer rate (what docs/PACING.md holds) and writes it, with one SVG chart per answer rate
 * (occupancy against abandonment), to {@code --out}.
 *
 * <p>Options: {@code --hours 8} simulated hours per cell, {@code --seed 1}, {@code --teams
 * 5,10,20,50,100}, {@code --rates 10,20,30,40} (answer rates in percent), {@code --policies
 * smart,free,progressive,ratio,vicidial}, {@code --out target/pacing-grid}. A policy the engine does
 * not have yet ({@code Pacer.missing()}, SMART before its pacer lands) is listed as not built, not run.
 */
public final class PacingGridBench {

    private double hours = 8;
    private long seed = 1;
    private List<Integer> teams = List.of(5, 10, 20, 50, 100);
    private List<Integer> rates = List.of(10, 20, 30, 40);
    private List<GridPolicy> policies = List.of(GridPolicy.values());
    private Path out = Path.of("target", "pacing-grid");

    public static void main(String[] args) {
        PacingGridBench bench = new PacingGridBench();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--hours" -> hours = Double.parseDouble(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--teams" -> teams = ints(value);
                case "--rates" -> rates = ints(value);
                case "--policies" -> policies = Arrays.stream(value.split(",")).map(GridPolicy::ofOption).toList();
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --hours --seed --teams --rates --policies --out");
            }
            i++;
        }
        for (int rate : rates) {
            if (rate < 1 || rate > 100) {
                throw new IllegalArgumentException("--rates are answer rates in percent, 1..100, was " + rate);
            }
        }
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private record Cell(int rate, int team, GridPolicy policy) {
    }

    private void run() {
        List<GridPolicy> runnable = policies.stream().filter(p -> p.missing().isEmpty()).toList();
        List<Cell> cells = new ArrayList<>();
        for (int rate : rates) {
            for (int team : teams) {
                for (GridPolicy p : runnable) {
                    cells.add(new Cell(rate, team, p));
                }
            }
        }
        long start = System.nanoTime();
        List<SimulationResult> results = cells.parallelStream()
                .map(c -> c.policy().run(Workload.gridCell(c.team(), c.rate() / 100.0, seed).withHours(hours)))
                .toList();
        double seconds = (System.nanoTime() - start) / 1e9;

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Pacing grid: %s simulated hours per cell, seed %d, talk exponential mean 120 s, "
                        + "wrap-up 15 s, dial to answer 6-24 s, ring timeout 30 s; %d runs in %.1f s wall on %d cores.%n",
                label(hours), seed, cells.size(), seconds, Runtime.getRuntime().availableProcessors()));
        for (GridPolicy p : policies) {
            p.missing().ifPresent(m -> md.append("**").append(p.option().toUpperCase(Locale.ROOT))
                    .append(": not built yet** (the engine's pacer lacks ").append(m).append("); its rows are left out.\n"));
        }
        for (int rate : rates) {
            List<SimulationResult> atRate = results.stream()
                    .filter(r -> Math.round(r.workload().answerRate() * 100) == rate)
                    .sorted(Comparator.comparingInt((SimulationResult r) -> r.workload().operators()))
                    .toList();
            md.append(String.format(Locale.ROOT, "%n### Answer rate %d %%%n%n", rate));
            md.append("| team | policy | occupancy % | talk min/h | wait between calls s | abandoned % | dials per operator-hour |\n");
            md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (SimulationResult r : atRate) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.2f | %.1f |%n",
                        r.workload().operators(), r.policy(), 100 * r.occupancy(), r.talkMinutesPerHour(),
                        r.meanWaitSeconds(), r.abandonedPercent(), r.dialsPerOperatorHour()));
            }
            write(out.resolve("pacing-grid-" + rate + ".svg"), OccupancyChart.svg(String.format(Locale.ROOT,
                    "Occupancy against abandonment, answer rate %d %%, %s h per cell", rate, label(hours)), atRate, 3.0));
        }
        write(out.resolve("pacing-grid.md"), md.toString());
        System.out.print(md);
        System.out.println();
        System.out.println("wrote " + out.resolve("pacing-grid.md") + " and "
                + rates.stream().map(r -> "pacing-grid-" + r + ".svg").collect(Collectors.joining(", ")));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String label(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
