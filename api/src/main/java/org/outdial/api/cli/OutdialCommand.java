package org.outdial.api.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.outdial.api.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code outdial}: the root command the launcher script runs. Exit codes: 0 done, 2 wrong usage
 * (picocli prints the usage), 1 anything else, with one line "outdial: ..." on stderr and no
 * stack trace (run with {@code -Dlogback.configurationFile} at DEBUG to see one in the log).
 */
@Command(name = "outdial", mixinStandardHelpOptions = true, version = "Outdial 0.1.0",
        description = "Open-source autodialer: campaigns over HTTP, calls over SIP.",
        subcommands = {ServeCommand.class, KeysCommand.class, CallCommand.class, CommandLine.HelpCommand.class})
public final class OutdialCommand implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    OutdialCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment configuration overrides are read from (see {@code ConfigLoader}). */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: serve, keys or call");
    }

    public static void main(String[] args) {
        int code = execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs one command line with {@code environment}, printing to {@code out} and {@code err}. */
    public static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new OutdialCommand(environment))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("outdial: " + describe(e));
                    commandLine.getErr().flush();
                    return FAILED;
                })
                .execute(args);
    }

    /** One line for the operator: what went wrong, without class names or stack frames. */
    static String describe(Throwable e) {
        if (e instanceof ConfigException) {
            return "configuration error: " + e.getMessage();
        }
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
