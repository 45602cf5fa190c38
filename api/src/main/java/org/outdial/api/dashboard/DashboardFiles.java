package org.outdial.api.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's static files, read once from the classpath at start-up: the page, its script and
 * style (plain files in {@code api/src/main/resources/dashboard}, no build step), and uPlot, the
 * chart library, from its WebJar (served by Outdial: no CDN at run time). A missing file is a
 * build fault and fails the start, not the first visit.
 */
final class DashboardFiles {

    /** A file as served. */
    record File(byte[] bytes, String contentType) {
    }

    private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/dist/";
    private static final String UPLOT_VERSION = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, File> byPath;

    private DashboardFiles(Map<String, File> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Every file, by the path it is served at. */
    static DashboardFiles load() {
        Map<String, File> files = new LinkedHashMap<>();
        files.put("/", file("dashboard/index.html", "text/html; charset=utf-8"));
        files.put("/dashboard/dashboard.js", file("dashboard/dashboard.js", "text/javascript; charset=utf-8"));
        files.put("/dashboard/dashboard.css", file("dashboard/dashboard.css", "text/css; charset=utf-8"));
        String uplot = UPLOT.formatted(uplotVersion());
        files.put("/dashboard/uplot.js", file(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        files.put("/dashboard/uplot.css", file(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        return new DashboardFiles(files);
    }

    Map<String, File> byPath() {
        return byPath;
    }

    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource(UPLOT_VERSION)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + UPLOT_VERSION + ": " + e.getMessage(), e);
        }
        return properties.getProperty("version");
    }

    private static File file(String name, String contentType) {
        try (InputStream in = resource(name)) {
            return new File(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dashboard file " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the dashboard file " + name + " is not on the classpath");
        }
        return in;
    }
}
