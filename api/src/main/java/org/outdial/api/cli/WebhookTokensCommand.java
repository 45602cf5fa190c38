package org.outdial.api.cli;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.outdial.api.incoming.WebhookToken;
import org.outdial.api.incoming.WebhookTokens;
import org.outdial.engine.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code outdial keys webhook create|list|revoke}: tokens of the incoming webhooks
 * ({@code /tracking/webhook/event?token=...}), straight in the database like {@code keys}, so it
 * works with the server stopped (with the default H2 file, stop the server first). The same as
 * {@code /api/webhookTokens/action}.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Create, list and revoke tokens of incoming webhooks (/tracking/webhook/event).",
        subcommands = {WebhookTokensCommand.Create.class, WebhookTokensCommand.List.class,
                WebhookTokensCommand.Revoke.class})
final class WebhookTokensCommand implements Runnable {

    @ParentCommand
    private KeysCommand keys;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: create, list or revoke");
    }

    private Database open(ConfigOption config) {
        return Database.open(config.load(keys.root().environment()).storage());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it (only the token, on stdout). It is not shown again.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private WebhookTokensCommand webhook;

        @Mixin
        private ConfigOption config;

        @Spec
        private CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "a label, 1..100 characters")
        private String name;

        @Override
        public Integer call() {
            try (Database database = webhook.open(config)) {
                WebhookTokens.Created created = new WebhookTokens(database.dataSource())
                        .create(name, InstantSource.system().instant());
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.secret());
                out.flush();
            }
            return OutdialCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens: id, created, name.")
    static final class List implements Callable<Integer> {

        @ParentCommand
        private WebhookTokensCommand webhook;

        @Mixin
        private ConfigOption config;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = webhook.open(config)) {
                PrintWriter out = spec.commandLine().getOut();
                for (WebhookToken token : new WebhookTokens(database.dataSource()).list()) {
                    out.println(token.id() + "\t" + token.createdAt() + "\t" + token.name());
                }
                out.flush();
            }
            return OutdialCommand.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Delete a token by id. A running server refuses it from the next request on.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        private WebhookTokensCommand webhook;

        @Mixin
        private ConfigOption config;

        @Parameters(paramLabel = "ID", description = "the token's id, as keys webhook list shows it")
        private long id;

        @Override
        public Integer call() {
            try (Database database = webhook.open(config)) {
                if (!new WebhookTokens(database.dataSource()).revoke(id)) {
                    throw new IllegalArgumentException("no webhook token with id " + id);
                }
            }
            return OutdialCommand.OK;
        }
    }
}
