package com.acme.goals.localstack.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One open-loop caller: a single kept-alive HTTP/1.1 connection that sends a GET and reads the whole answer before the
 * next, as wrk2 does. The JDK's {@code HttpClient} spent about 1 ms of CPU a call on the same two cores the gateway
 * and the service run on (issue 18), so the load it offered took part of the machine it was measuring; this spends a
 * few microseconds. Not a general client: GET only, no TLS, no redirects; it reconnects when the server closes.
 */
final class KeepAliveCaller implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 60_000;
    private final String host;
    private final int port;
    private final String basePath;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveCaller(String base) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /** The answer's status, after reading its body to the end; -1 when the connection failed (it is reopened next call). */
    int get(String path, String token) {
        try {
            if (socket == null) {
                open();
            }
            out.write(("GET " + basePath + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer "
                    + token + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAnswer();
        } catch (IOException | RuntimeException e) {
            close();
            return -1;
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = new BufferedOutputStream(socket.getOutputStream(), 2_048);
    }

    private int readAnswer() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers, if any, carry nothing the benchmark reads
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            closes = true; // read-until-close answers cannot share the connection
        }
        if (closes) {
            close();
        }
        return status;
    }

    private long chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing to tell
            }
        }
        socket = null;
    }
}
