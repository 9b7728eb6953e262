package io.conflux.functions;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lambda Runtime API endpoint of one runtime process: a small HTTP/1.1 server on a loopback port of its own.
 *
 * <p>Why one listener per runtime, and not routes on the API server: runtimes find the API through
 * {@code AWS_LAMBDA_RUNTIME_API}, which is {@code host:port}, and call fixed paths
 * ({@code /2018-06-01/runtime/invocation/next}); the address is the only thing that can tell two runtimes apart. A
 * listener per runtime also means a runtime can only ever see its own invocations, and the hot path (an event out,
 * a response back) goes through nothing but this class: blocking sockets on virtual threads, {@code TCP_NODELAY},
 * one write per response.
 */
final class RuntimeEndpoint implements AutoCloseable {
    /** Lambda's limit on a response payload (6 MB), plus room for an error's headers. */
    static final int MAX_BODY = 6 * 1024 * 1024 + 1024;

    /** @param tooLarge the body was over {@link #MAX_BODY} and was dropped ({@code body} is empty) */
    record Request(String method, String path, Map<String, String> headers, byte[] body, boolean tooLarge) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Handler {
        /** Answers one request; may block (a runtime waiting for its next event). */
        Response handle(Request request) throws InterruptedException;
    }

    private final Handler handler;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RuntimeEndpoint(Handler handler, String name) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Thread.ofVirtual().name("runtime-api-" + name).start(this::acceptLoop);
    }

    /** What {@code AWS_LAMBDA_RUNTIME_API} is set to: {@code host:port}. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connections.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    // A failed accept leaves the listener usable; the runtime retries its connection.
                    Thread.onSpinWait();
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = s.getOutputStream();
            while (!closed) {
                Request r = read(in);
                if (r == null) {
                    return;
                }
                Response resp;
                try {
                    resp = handler.handle(r);
                } catch (InterruptedException e) {
                    return;
                }
                boolean close = "close".equalsIgnoreCase(r.header("connection"));
                out.write(encode(resp, close));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the runtime closed its connection (or was killed)
        } finally {
            connections.remove(s);
        }
    }

    /** Reads one request; null at a clean end of the stream. */
    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        while (line != null && line.isEmpty()) {
            line = line(in); // tolerate stray CRLFs between requests
        }
        if (line == null) {
            return null;
        }
        int sp1 = line.indexOf(' ');
        int sp2 = line.indexOf(' ', sp1 + 1);
        if (sp1 < 0) {
            throw new IOException("bad request line: " + line);
        }
        String method = line.substring(0, sp1);
        String target = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> headers = new HashMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in);
        } else {
            String cl = headers.get("content-length");
            long n = cl == null ? 0 : Long.parseLong(cl.trim());
            if (n > MAX_BODY) {
                // Read past it so that the connection stays usable, and let the handler say it was too large.
                in.skipNBytes(n);
                return new Request(method, path, headers, new byte[0], true);
            }
            body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException();
            }
        }
        if (body == null) {
            return new Request(method, path, headers, new byte[0], true);
        }
        return new Request(method, path, headers, body, false);
    }

    /** A chunked body; null when it was over {@link #MAX_BODY} (then read past and dropped). */
    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new EOFException();
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                String trailer;
                while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                    // trailers are not used by the Runtime API
                }
                return out == null ? null : out.toByteArray();
            }
            if (out == null || out.size() + n > MAX_BODY) {
                out = null;
                in.skipNBytes(n);
            } else {
                out.write(in.readNBytes(n));
            }
            line(in);
        }
    }

    /** A header line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() > 64 * 1024) {
                throw new IOException("header line too long");
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static byte[] encode(Response r, boolean close) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        if (close) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + r.body().length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(r.body(), 0, all, head.length, r.body().length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }

    /** Stops listening and drops every connection (a runtime blocked in {@code /next} sees its socket close). */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List<Socket> open = new ArrayList<>(connections);
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
