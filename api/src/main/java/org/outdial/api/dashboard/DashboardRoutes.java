package org.outdial.api.dashboard;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.outdial.api.http.Access;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * The live dashboard (docs/DASHBOARD.md): the page at {@code /} and its files, public because
 * they hold no data, and {@code GET /dashboard/api/overview}, which needs an API key like every
 * UniTalk route. The page keeps the key the user typed in {@code sessionStorage} and sends it in
 * the {@code Authorization} header, never in a URL; its controls (PAUSE, UNPAUSE, CANCEL) are
 * UniTalk's own {@code /api/autodial/action}, so the screen can do nothing the API cannot.
 *
 * <p>Every file is sent with a Content-Security-Policy that allows scripts, styles and requests
 * from Outdial only (no inline script, no other origin, no framing): a key in
 * {@code sessionStorage} is readable by any script on the page, so no other script may run there.
 */
public final class DashboardRoutes implements RouteGroup {

    public static final String OVERVIEW = "/dashboard/api/overview";

    /** The policy and the headers every dashboard response carries. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                    + "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            // The page and its files change with each build; they are small.
            "Cache-Control", "no-cache");

    private final DashboardFiles files;
    private final DashboardOverview overview;

    private DashboardRoutes(DashboardFiles files, DashboardOverview overview) {
        this.files = files;
        this.overview = overview;
    }

    /**
     * @param dialer         the dialer, or a supplier of null without trunks
     * @param webhookBacklog webhook deliveries not delivered yet (pending, retries included)
     * @throws IllegalStateException when a dashboard file is missing from the build
     */
    public static DashboardRoutes create(CampaignModule autodialers, Supplier<Dialer> dialer,
                                         Supplier<List<Dispatcher.TrunkHealth>> trunks,
                                         List<TrunkSettings> trunkSettings, OperatorBoard operators,
                                         LongSupplier webhookBacklog, InstantSource clock) {
        return new DashboardRoutes(DashboardFiles.load(),
                new DashboardOverview(autodialers, dialer, trunks, trunkSettings, operators, webhookBacklog, clock));
    }

    @Override
    public void register(Router router) {
        files.byPath().forEach((path, file) -> router.get(path, Access.PUBLIC,
                request -> secured(Response.bytes(file.bytes(), file.contentType()))));
        router.get(OVERVIEW, request -> secured(Response.json(overview.now())).withHeader("Cache-Control", "no-store"));
    }

    private static Response secured(Response response) {
        Response secured = response;
        for (Map.Entry<String, String> header : SECURITY_HEADERS.entrySet()) {
            secured = secured.withHeader(header.getKey(), header.getValue());
        }
        return secured;
    }
}
