package io.github.concurrent4j.multiprocessing.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpServer;

import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.process.ProcessPoolExecutor;
import io.github.concurrent4j.transport.Serialization;

/**
 * Issue 11, acceptance 11: the seeds' crawler (002: {@code ProcessPoolExecutor(3)} — 4 here,
 * {@code submit(get_page, url).add_done_callback(parse_page)}) against a local HTTP server this
 * test starts: worker processes fetch, the callbacks parse in this process, first done first
 * parsed. The server answers each path after its own delay and, so that the order is forced
 * rather than timed, only once the previous (shorter) page has been parsed.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolCrawlerTest {
    public record Page(String url, String text, long pid) implements Serializable {}

    static Page getPage(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new Page(url, new String(in.readAllBytes(), StandardCharsets.UTF_8), ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pagesAreFetchedInWorkersAndParsedInTheParentFirstDoneFirstParsed() throws Exception {
        Serialization.allow(Page.class);
        List<String> order = List.of("/openstack", "/tencent", "/sina", "/baidu"); // the order they are let through
        Map<String, CountDownLatch> gates = Map.of("/openstack", new CountDownLatch(0), "/tencent", new CountDownLatch(1),
                "/sina", new CountDownLatch(1), "/baidu", new CountDownLatch(1));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : order) {
            server.createContext(path, exchange -> {
                try {
                    gates.get(path).await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = ("<html>" + path + "</html>").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        List<String> parsed = Collections.synchronizedList(new ArrayList<>());
        List<Long> parsedIn = Collections.synchronizedList(new ArrayList<>());
        List<Long> fetchedIn = Collections.synchronizedList(new ArrayList<>());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // 4 workers (the seed has 3): a worker holds up to 2 tasks, and a page queued behind a
        // held-back one would wait for it, which this test's forced order would turn into a wait
        // of the gates' 60 s
        try (ProcessPoolExecutor p = new ProcessPoolExecutor(4)) {
            // every worker ready (4 concurrent tasks ran in 4 distinct processes): each page gets its own
            for (java.util.Set<Long> pids = new java.util.HashSet<>(); pids.size() < 4; ) {
                pids.clear();
                List<Future<Long>> primed = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    primed.add(p.submit(() -> {
                        Thread.sleep(200);
                        return ProcessHandle.current().pid();
                    }));
                }
                for (Future<Long> f : primed) pids.add(f.result());
            }
            for (String path : List.of("/baidu", "/openstack", "/sina", "/tencent")) { // the seed's order
                p.submit(ProcessPoolCrawlerTest::getPage, base + path).addDoneCallback((Future<Page> f) -> {
                    Page page = f.result();
                    String got = page.url().substring(base.length());
                    parsed.add(got);
                    parsedIn.add(ProcessHandle.current().pid());
                    fetchedIn.add(page.pid());
                    int next = order.indexOf(got) + 1;
                    if (next < order.size()) gates.get(order.get(next)).countDown(); // let the next page through
                });
            }
        } finally {
            server.stop(0);
        }
        assertThat(parsed).containsExactlyElementsOf(order); // first done, first parsed
        assertThat(parsedIn).containsOnly(ProcessHandle.current().pid());
        assertThat(fetchedIn).doesNotContain(ProcessHandle.current().pid());
    }
}
