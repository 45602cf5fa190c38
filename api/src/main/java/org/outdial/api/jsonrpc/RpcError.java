package org.outdial.api.jsonrpc;

/**
 * Every error the Call API answers, with seed 000's code, mnemonic and text ("List of errors
 * common for all methods") and seed 001's for start.simple_call. A text's {@code {name}} parts are
 * filled from the error's {@code params}. Where the seeds give no text (the direction rule,
 * Outdial's "not supported" refusals), the text is Outdial's, in the seeds' style.
 *
 * <p>{@link #metered} says whether the reply carries {@code metadata.limits}: seed 000 leaves them
 * out after JSON and request structure errors, an unknown method, authentication errors and a
 * refused IP.
 */
public enum RpcError {

    PARSE_ERROR(-32700, "parse_error", "Invalid JSON was received by the server.", false),
    INVALID_REQUEST(-32600, "invalid_request", "Invalid Request The JSON sent is not a valid Request object", false),
    METHOD_NOT_FOUND(-32601, "method_not_found", "The method does not exist / is not available", false),
    DATA_TYPE_ERROR(-32602, "data_type_error", "Data supplied is of wrong type", true),
    REQUIRED_PARAMETER_MISSED(-32602, "required_parameter_missed", "The required parameter has been missed", true),
    INVALID_PARAMETER_VALUE(-32602, "invalid_parameter_value", "Invalid parameter value", true),
    UNEXPECTED_PARAMETERS(-32602, "unexpected_parameters", "Unexpected method parameter(s)", true),
    CALL_SESSION_NOT_FOUND(-32602, "call_session_not_found", "Call session not found", true),
    /** Seed 001, "early_switching": "-32602 invalid_parameters_combination The combination of parameters is not permitted". */
    INVALID_PARAMETERS_COMBINATION(-32602, "invalid_parameters_combination",
            "The combination of parameters is not permitted", true),
    TTS_TEXT_EXCEEDED(-32602, "tts_text_exceeded", "The maximum length of Text-to-Speech message is "
            + "{tts_message_max_length}. The length of your message is {sent_tts_message_length}", true),
    MEDIA_FILE_NOT_FOUND(-32602, "media_file_not_found", "The media file with id {media_file_id} not found", true),
    OWN_VIRTUAL_PHONE_NUMBER_NOT_ALLOWED(-32602, "own_virtual_phone_number_not_allowed",
            "Parameter contact can not contain own virtual phone number", true),
    CHARACTER_ENCODING_NOT_ALLOWED(-32602, "character_encoding_not_allowed", "The character encoding must be UTF-8",
            false),
    /** Outdial's: a parameter of the seed that this version cannot make act is refused, never ignored. */
    PARAMETER_NOT_SUPPORTED(-32602, "parameter_not_supported", "{reason}", true),
    INTERNAL_ERROR(-32603, "internal_error", "Internal error, contact the support service", true),
    AUTH_ERROR(-32001, "auth_error", "Login or password is wrong", false),
    ACCESS_TOKEN_EXPIRED(-32001, "access_token_expired", "Access token has been expired", false),
    ACCESS_TOKEN_BLOCKED(-32001, "access_token_blocked", "Access token has been blocked", false),
    ACCESS_TOKEN_INVALID(-32001, "access_token_invalid", "Access token is invalid", false),
    /** Seed 000: -32002 "security rules prohibit calls in given direction"; the text is Outdial's. */
    CALL_DIRECTION_PROHIBITED(-32002, "call_direction_prohibited",
            "Calls in the direction {call_direction} are prohibited by the security rules", true),
    CONTACT_IN_BLACKLIST(-32002, "contact_in_blacklist", "The contact {contact} has been found in the blacklist", true),
    IP_NOT_WHITELISTED(-32003, "ip_not_whitelisted", "Your IP {ip} is not whitelisted", false),
    FORBIDDEN(-32003, "forbidden", "Permission denied", true),
    VIRTUAL_PHONE_NUMBER_NOT_FOUND(-32007, "virtual_phone_number_not_found",
            "Virtual phone number {virtual_phone_number} not found. It is not your virtual phone number.", true),
    COMPONENT_DISABLED(-32008, "component_disabled", "Component {component_name} has been disabled", true),
    ACCOUNT_INACTIVE(-32009, "account_inactive", "Your account has been disabled, contact the support service", true),
    LIMIT_EXCEEDED(-32029, "limit_exceeded", "Limit per {limit_type} has been exceeded. Value of current limit per "
            + "{limit_type} is {limit_max_value}", true),
    /** The seed's mnemonic is spelled "opreations"; clients match it as written. */
    BATCH_OPERATIONS_NOT_SUPPORTED(-32099, "batch_opreations_not_supported", "Batch operations not supported", false),
    NOTIFICATIONS_NOT_SUPPORTED(-32099, "notifications_not_supported", "Notifications not supported", false);

    private final int code;
    private final String mnemonic;
    private final String text;
    private final boolean metered;

    RpcError(int code, String mnemonic, String text, boolean metered) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.text = text;
        this.metered = metered;
    }

    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    /** The text with its {@code {name}} parts as the seed writes them. */
    public String text() {
        return text;
    }

    /** Whether a reply with this error carries {@code metadata.limits}. */
    public boolean metered() {
        return metered;
    }

    /** The text with every {@code {name}} replaced by {@code params.get(name)}. */
    String message(java.util.Map<String, ?> params) {
        String message = text;
        for (var e : params.entrySet()) {
            message = message.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return message;
    }
}
