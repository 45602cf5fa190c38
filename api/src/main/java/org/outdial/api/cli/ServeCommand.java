package org.outdial.api.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.outdial.api.OutdialServer;
import org.outdial.api.config.OutdialConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code outdial serve}: runs until Ctrl+C or SIGTERM, then finishes running requests and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API and the dialer until stopped (Ctrl+C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    private OutdialCommand root;

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        OutdialConfig settings = config.load(root.environment());
        OutdialServer server = OutdialServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "outdial-shutdown"));
        log.info("Outdial is serving on port {}", server.port());
        stopped.await();
        return OutdialCommand.OK;
    }
}
