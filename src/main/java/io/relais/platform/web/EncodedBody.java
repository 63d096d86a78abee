package io.relais.platform.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request body as the endpoint should read it: a gzip body ({@code Content-Encoding: gzip}, or a {@code .csv.gz}
 * file posted as it is, recognised by its magic bytes) is inflated at the edge, so limits count the bytes the endpoint
 * really receives (a gzip bomb meets the 413 of its inflated size). Other encodings answer 415; a broken gzip body
 * answers 400. The wrapped request no longer announces an encoding, so nothing downstream inflates twice.
 */
public final class EncodedBody {

    private static final int GZIP_MAGIC_1 = 0x1f, GZIP_MAGIC_2 = 0x8b;

    private EncodedBody() {
    }

    /** The body's bytes as sent by the client, inflated when they are gzip. */
    public static InputStream decoded(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        String name = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "gzip", "x-gzip" -> new Deferred(request, true);
            case "identity", "" -> new Deferred(request, false);
            default -> throw ApiProblem.unsupportedMediaType("Content-Encoding " + encoding + " is not supported: send the body as it is, or gzip");
        };
    }

    /** Opens the body at its first read (nothing is taken from the connection before the endpoint reads). */
    private static final class Deferred extends InputStream {

        private final HttpServletRequest request;
        private final boolean gzip;
        private InputStream body;

        Deferred(HttpServletRequest request, boolean gzip) {
            this.request = request;
            this.gzip = gzip;
        }

        private InputStream body() throws IOException {
            if (body == null) {
                InputStream raw = new BufferedInputStream(request.getInputStream());
                body = gzip || isGzip(raw) ? inflated(raw) : raw;
            }
            return body;
        }

        @Override
        public int read() throws IOException {
            return body().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return body().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (body != null) body.close();
        }
    }

    /** The request as the endpoint sees it: its body is {@code body}, and it carries no Content-Encoding any more. */
    public static HttpServletRequest withoutEncoding(HttpServletRequest request) {
        if (request.getHeader("Content-Encoding") == null) return request;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Content-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(h -> !"Content-Encoding".equalsIgnoreCase(h)).toList());
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
    }

    static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int a = in.read(), b = in.read();
        in.reset();
        return a == GZIP_MAGIC_1 && b == GZIP_MAGIC_2;
    }

    private static InputStream inflated(InputStream raw) throws IOException {
        try {
            return new BrokenGzipIsBadRequest(new GZIPInputStream(raw, 64 * 1024));
        } catch (ZipException | java.io.EOFException e) {
            throw ApiProblem.invalidField("body", "not a readable gzip stream: " + e.getMessage());
        }
    }

    /** A gzip stream that breaks half way is the client's fault: 400, not 500. */
    private static final class BrokenGzipIsBadRequest extends java.io.FilterInputStream {

        BrokenGzipIsBadRequest(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | java.io.EOFException e) {
                throw ApiProblem.invalidField("body", "not a readable gzip stream: " + e.getMessage());
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | java.io.EOFException e) {
                throw ApiProblem.invalidField("body", "not a readable gzip stream: " + e.getMessage());
            }
        }
    }
}
