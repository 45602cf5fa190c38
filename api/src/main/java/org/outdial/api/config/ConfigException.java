package org.outdial.api.config;

/**
 * The configuration cannot be used: a file that does not parse, an unknown key, a value of the
 * wrong type or out of range. The message names the key and is meant for the operator as is.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
