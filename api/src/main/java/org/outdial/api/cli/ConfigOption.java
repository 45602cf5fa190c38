package org.outdial.api.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.outdial.api.config.ConfigLoader;
import org.outdial.api.config.OutdialConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that needs the configuration. */
public final class ConfigOption {

    /** Read when {@code --config} is not given and it exists in the working directory. */
    public static final Path DEFAULT_FILE = Path.of("outdial.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (default: ./outdial.yaml if it exists, else built-in defaults)")
    private Path file;

    /** The configuration: the file (or defaults) with {@code environment} overrides on top. */
    public OutdialConfig load(Map<String, String> environment) {
        Path chosen = file != null ? file : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
        return ConfigLoader.load(chosen, environment);
    }
}
