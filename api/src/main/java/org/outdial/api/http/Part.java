package org.outdial.api.http;

/**
 * One file of a multipart/form-data body (for example {@code file} of {@code /api/audio/upload}).
 * The content is in memory: the whole body is already bounded by {@code api.max-body-bytes}.
 *
 * @param name        the form field name
 * @param filename    the file name the client sent, may be empty
 * @param contentType the part's content type, {@code application/octet-stream} when not given
 * @param content     the file's bytes
 */
public record Part(String name, String filename, String contentType, byte[] content) {

    public long size() {
        return content.length;
    }
}
