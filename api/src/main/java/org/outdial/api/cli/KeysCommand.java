package org.outdial.api.cli;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.outdial.api.auth.ApiKey;
import org.outdial.api.auth.ApiKeys;
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
 * {@code outdial keys create|list|revoke}: API keys, straight in the database, so it works with
 * the server stopped; {@code outdial keys webhook ...} does the same for incoming-webhook tokens
 * ({@link WebhookTokensCommand}). (With the default H2 file the server holds a lock on it: stop the server
 * first, or use PostgreSQL.)
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys (and, with webhook, incoming-webhook tokens).",
        subcommands = {KeysCommand.Create.class, KeysCommand.List.class, KeysCommand.Revoke.class,
                WebhookTokensCommand.class})
final class KeysCommand implements Runnable {

    @ParentCommand
    private OutdialCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: create, list, revoke or webhook");
    }

    OutdialCommand root() {
        return root;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it (only the key, on stdout). It is not shown again.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private ConfigOption config;

        @Spec
        private CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "a label, 1..100 characters")
        private String name;

        @Override
        public Integer call() {
            try (Database database = Database.open(config.load(keys.root.environment()).storage())) {
                ApiKeys.Created created = new ApiKeys(database.dataSource()).create(name, InstantSource.system().instant());
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.secret());
                out.flush();
            }
            return OutdialCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys: id, created, name.")
    static final class List implements Callable<Integer> {

        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private ConfigOption config;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = Database.open(config.load(keys.root.environment()).storage())) {
                PrintWriter out = spec.commandLine().getOut();
                for (ApiKey key : new ApiKeys(database.dataSource()).list()) {
                    out.println(key.id() + "\t" + key.createdAt() + "\t" + key.name());
                }
                out.flush();
            }
            return OutdialCommand.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Delete a key by id. A running server stops accepting it within 10 s.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private ConfigOption config;

        @Parameters(paramLabel = "ID", description = "the key's id, as keys list shows it")
        private long id;

        @Override
        public Integer call() {
            try (Database database = Database.open(config.load(keys.root.environment()).storage())) {
                if (!new ApiKeys(database.dataSource()).revoke(id)) {
                    throw new IllegalArgumentException("no API key with id " + id);
                }
            }
            return OutdialCommand.OK;
        }
    }
}
