package io.relais.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was read at the edge (counted as it streamed, chunked or not) and is served again from memory.
 * {@link #read} refuses a body over the limit with 413 before it has all been read.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    public CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** Reads at most {@code limit} bytes; one more and the caller gets 413 (the rest is never read). */
    public static byte[] read(InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) throw ApiProblem.payloadTooLarge("the body is over the limit of " + limit + " bytes");
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * An input stream that counts as it streams: over {@code limit} bytes it fails with 413 (large uploads, CSV). Its
     * failure sticks: Camel may read again after closing what failed (stream caching), and must meet the same 4xx.
     */
    public static Capped capped(InputStream in, long limit) {
        return new Capped(in, limit);
    }

    /** See {@link #capped}. */
    public static final class Capped extends ServletInputStream {

        private final InputStream in;
        private final long limit;
        private long total;
        private boolean finished;
        private ApiProblem failure;

        private Capped(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) throw failure;
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    total += n;
                    if (total > limit) throw ApiProblem.payloadTooLarge("the body is over the limit of " + limit + " bytes");
                } else if (n == -1) {
                    finished = true;
                }
                return n;
            } catch (ApiProblem problem) {
                failure = problem;
                throw problem;
            }
        }

        /** The 4xx this body already failed with, or null. */
        public ApiProblem failure() {
            return failure;
        }

        /** A reader over this body that meets the same failure, even once closed. */
        public BufferedReader reader(String encoding) throws java.io.UnsupportedEncodingException {
            return new BufferedReader(new InputStreamReader(this, encoding)) {
                @Override
                public int read() throws IOException {
                    if (failure != null) throw failure;
                    return super.read();
                }

                @Override
                public int read(char[] cbuf, int off, int len) throws IOException {
                    if (failure != null) throw failure;
                    return super.read(cbuf, off, len);
                }

                @Override
                public String readLine() throws IOException {
                    if (failure != null) throw failure;
                    return super.readLine();
                }

                @Override
                public long skip(long n) throws IOException {
                    if (failure != null) throw failure;
                    return super.skip(n);
                }
            };
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is read blocking, as it streams through its cap");
        }
    }

    public byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was already read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
