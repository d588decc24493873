package io.github.concurrent4j.examples.futures;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.process.ProcessPoolExecutor;
import io.github.concurrent4j.transport.Serialization;

/**
 * The seed's crawler on a process pool (002, {@code ProcessPoolExecutor(3)} with
 * {@code add_done_callback(parse_page)}): worker processes fetch the pages; each future's
 * callback parses its page in the parent as soon as it arrives — first done, first parsed.
 * The pages come from a local HTTP server started here, each answering after a different delay.
 * The printed pids show where each step runs: {@code get} in a worker, {@code parse} in the
 * parent.
 *
 * <pre>
 * p = ProcessPoolExecutor(3)
 * for url in urls:
 *     p.submit(get_page, url).add_done_callback(parse_page)
 * </pre>
 */
public final class ProcessPoolCrawler {
    private ProcessPoolCrawler() {}

    /** A fetched page: it travels from the worker to the parent, so it is allowed by the codec. */
    public record Page(String url, String text) implements java.io.Serializable {}

    static Page getPage(String url) {
        System.out.printf("<进程%d> get %s%n", ProcessHandle.current().pid(), url);
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new Page(url, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void parsePage(Future<Page> res) {
        Page page = res.result();
        System.out.printf("<进程%d> parse %s size:[%d]%n", ProcessHandle.current().pid(), page.url(), page.text().length());
    }

    public static void main(String[] args) throws IOException {
        Serialization.allow(Page.class);
        Map<String, Integer> delays = Map.of("/baidu", 400, "/openstack", 100, "/sina", 300, "/tencent", 200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        delays.forEach((path, ms) -> server.createContext(path, exchange -> {
            Naps.sleep(ms);
            byte[] body = ("<html>" + path.substring(1) + " ".repeat(ms) + "</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<String> urls = List.of(base + "/baidu", base + "/openstack", base + "/sina", base + "/tencent");
        try (ProcessPoolExecutor p = new ProcessPoolExecutor(3)) {
            for (String url : urls) p.submit(ProcessPoolCrawler::getPage, url).addDoneCallback(ProcessPoolCrawler::parsePage);
        } finally {
            server.stop(0);
        }
        System.out.println("main " + ProcessHandle.current().pid() + ": every page parsed in the parent as it came");
    }
}
