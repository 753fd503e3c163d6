import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate, as independent clients make it: each request starts at its
 * scheduled time whether or not the earlier ones have been answered, so a slow answer cannot hold
 * back the next request. Latency is measured from each request's scheduled start (no coordinated
 * omission). Arrivals are evenly spaced ({@code uniform}) or independent ({@code poisson}, random
 * gaps with the same mean). HTTP/1.1 with keep-alive connections, a new one whenever all are busy.
 *
 * <pre>java OpenLoop.java URL RATE SECONDS uniform|poisson AUTHORIZATION|- BODY</pre>
 *
 * Prints one line: requests, 200 answers, p50 / p90 / p99 / p99.9 / max in ms of the measured
 * seconds (the first second is load, not measured), then the 200 answers of the whole run.
 */
public class OpenLoop {

    record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        boolean poisson = args[3].equals("poisson");
        String authorization = args[4].equals("-") ? null : args[4];
        byte[] body = args[5].getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);

        int warm = rate; // the first second
        int total = rate * (seconds + 1);
        long[] latency = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger okInAll = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Queue<Connection> idle = new ConcurrentLinkedQueue<>();
        SplittableRandom random = new SplittableRandom(42);
        double meanGapNanos = 1e9 / rate;

        long start = System.nanoTime() + 50_000_000;
        double offset = 0;
        for (int i = 0; i < total; i++) {
            long due = start + (long) offset;
            offset += poisson ? -Math.log(1 - random.nextDouble()) * meanGapNanos : meanGapNanos;
            // parked, not spinning: a spinning client would take CPU from the servers it measures (the timer's
            // slack, some 50 us, makes a start late at most by that, and lateness counts against the answer)
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            Thread.startVirtualThread(() -> {
                try {
                    if (call(url, request, idle) == 200) {
                        okInAll.incrementAndGet();
                        if (index >= warm) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // counted as not 200
                }
                latency[index] = System.nanoTime() - due;
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.out.println("unanswered after 60 s: " + done.getCount());
        }
        long[] measured = Arrays.copyOfRange(latency, warm, total);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "requests %d, 200 answers %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms;"
                + " 200 answers with the first second: %d%n",
                measured.length, ok.get(), ms(measured, 0.50), ms(measured, 0.90), ms(measured, 0.99), ms(measured, 0.999),
                measured[measured.length - 1] / 1e6, okInAll.get());
        for (Connection c : idle) {
            c.socket().close();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** One request on an idle keep-alive connection (or a new one); returns the status. */
    private static int call(URI url, byte[] request, Queue<Connection> idle) throws IOException {
        Connection c = idle.poll();
        if (c == null) {
            Socket socket = new Socket(url.getHost(), url.getPort());
            socket.setTcpNoDelay(true);
            c = new Connection(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
        }
        try {
            c.out().write(request);
            c.out().flush();
            int status = readResponse(c.in());
            idle.add(c);
            return status;
        } catch (IOException e) {
            c.socket().close();
            throw e;
        }
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).strip(), 16)) > 0; ) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
