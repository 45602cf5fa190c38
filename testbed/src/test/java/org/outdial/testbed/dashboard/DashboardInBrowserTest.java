package org.outdial.testbed.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.carrier.CarrierSettings;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.testing.Await;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through its chromedriver
 * (W3C WebDriver, Selenium's client), against a whole Outdial server in this JVM dialing a FIXED
 * campaign through the simulated carrier. The browser logs in with an API key, sees the
 * campaign's done count move on the screen, clicks PAUSE, and the campaign is PAUSED over the
 * UniTalk API. The screenshot is written to {@code target/dashboard.png}, or where the system
 * property {@code dashboard.screenshot} says ({@code ../docs/dashboard.png} refreshes the one in
 * docs/DASHBOARD.md). Chromium missing is a failure, not a skip: {@code ./outdial test} installs it.
 */
class DashboardInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration ON_SCREEN = Duration.ofSeconds(30);

    @Test
    void aSupervisorLogsInSeesTheCampaignMoveAndPausesItFromTheScreen() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver (./outdial test installs them)");
        // Quick callees: rung 0.2-0.6 s, answered ones stay 2-4 s (longer than the 1 s message, which
        // Outdial ends), so the done count moves every second or so.
        CalleeMix quick = new CalleeMix(21, 0.6, new CalleeMix.Span(Duration.ofMillis(200), Duration.ofMillis(600)),
                new CalleeMix.Span(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        try (SimulatedCarrier carrier = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", 0, quick,
                CarrierSettings.DEFAULT_RING_CAP, false));
             OutdialServer server = OutdialServer.start(config(carrier.port()))) {
            String key = new ApiKeys(server.database().dataSource()).create("supervisor", Instant.now()).secret();
            UniTalkClient api = new UniTalkClient(server.port(), key);
            api.addPhone("4101", "secret-4101"); // an operator line, offline: the board lists it
            long id = api.add(AutodialerTask.autodial("Winter offers").threads(3).with("callDelay", 0)
                    .with("delay", 0).silence(Duration.ofSeconds(1)));
            api.addNumbers(id, numbers(400));

            WebDriver browser = chromium();
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/");
                WebElement field = visible(browser, By.id("api-key"));
                field.sendKeys(key);
                browser.findElement(By.id("login-button")).click();
                visible(browser, By.id("board"));
                assertFalse(browser.getCurrentUrl().contains(key), "the key is never in the URL: " + browser.getCurrentUrl());

                By done = By.cssSelector("#campaign-" + id + " .done");
                long first = Await.until("the campaign's done count on the screen", ON_SCREEN,
                        () -> doneOnScreen(browser, done), n -> n >= 0);
                long moved = Await.until("the done count on the screen moves past " + first, ON_SCREEN,
                        () -> doneOnScreen(browser, done), n -> n > first);
                Await.until("calls in flight and a rate on the screen", ON_SCREEN,
                        () -> text(browser, By.cssSelector("#campaign-" + id + " .figure-rate")),
                        rate -> !rate.isEmpty() && !rate.equals("0") && !rate.equals("–"));
                Await.until("post-dial delay on the screen", ON_SCREEN,
                        () -> text(browser, By.cssSelector("#campaign-" + id + " .figure-pdd")), pdd -> pdd.endsWith("s"));
                Await.until("ASR on the screen", ON_SCREEN,
                        () -> text(browser, By.cssSelector("#campaign-" + id + " .figure-asr")), asr -> asr.endsWith("%"));
                Await.until("recent calls on the screen", ON_SCREEN,
                        () -> browser.findElements(By.cssSelector("#recent-calls tbody tr")).size(), rows -> rows > 0);

                browser.findElement(By.cssSelector("#campaign-" + id + " button[data-action=PAUSE]")).click();

                Await.until("PAUSED over the UniTalk API", Duration.ofSeconds(10), () -> api.status(id), "PAUSED"::equals);
                Await.until("PAUSED on the screen, with UNPAUSE offered", ON_SCREEN,
                        () -> text(browser, By.cssSelector("#campaign-" + id + " .status")) + " "
                                + browser.findElement(By.cssSelector("#campaign-" + id + " button[data-action=UNPAUSE]"))
                                .isDisplayed(), "PAUSED true"::equals);
                assertTrue(moved > first, "moved from " + first + " to " + moved);
                // The chart was drawn (uPlot's canvas) and the operator line is on the board.
                assertFalse(browser.findElements(By.cssSelector("#chart canvas")).isEmpty(), "the rate chart");
                assertEquals("4101", text(browser, By.cssSelector("#operators tbody tr td")), "the operators board");
                Await.until("calls in flight drain after the pause", Duration.ofSeconds(20), () -> server.dialer().inFlight(id),
                        n -> n == 0);
                Thread.sleep(2_500); // one more refresh, so the picture shows the settled screen
                screenshot(browser);
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: the tests run as root in containers, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1500", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebElement visible(WebDriver browser, By by) {
        return Await.until(by + " visible", ON_SCREEN, () -> {
            try {
                WebElement element = browser.findElement(by);
                return element.isDisplayed() ? element : null;
            } catch (WebDriverException notYet) {
                return null;
            }
        }, element -> element != null);
    }

    /** The done count the card shows ({@code data-done}), or -1 while the card is not there yet. */
    private static long doneOnScreen(WebDriver browser, By done) {
        try {
            String value = browser.findElement(done).getDomAttribute("data-done");
            return value == null ? -1 : Long.parseLong(value);
        } catch (WebDriverException notYet) {
            return -1;
        }
    }

    private static String text(WebDriver browser, By by) {
        try {
            return browser.findElement(by).getText().strip();
        } catch (WebDriverException notYet) {
            return "";
        }
    }

    private static void screenshot(WebDriver browser) throws Exception {
        Path target = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static OutdialConfig config(int carrierPort) {
        int rtp = LoopbackPorts.evenRange(200);
        OutdialConfig defaults = OutdialConfig.defaults();
        return new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("dashboard-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 199)),
                List.of(new TrunkSettings("carrier", "127.0.0.1", carrierPort, "udp", null, null, "15550100", "", 50, 100)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5), defaults.dialer().operatorRingTimeout(),
                        defaults.dialer().operatorWaitLimit()), defaults.audio(), defaults.registrar());
    }

    /** {@code count} distinct Ukrainian mobile numbers. */
    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(String.format("+38067%07d", 2_000_000 + i * 13));
        }
        return numbers;
    }
}
