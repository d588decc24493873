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
import io.github.concurrent4j.futures.ThreadPoolExecutor;

/**
 * The seed's crawler with a callback (000, 4.3 "回调函数", {@code add_done_callback}): the
 * pool fetches pages; each future's callback parses its page as soon as it is fetched — "先执行
 * 完，先调用" (first done, first parsed), not in the order the URLs were submitted. The pages
 * come from a local HTTP server started here (the seed fetches baidu.com and friends), each
 * answering after a different delay.
 *
 * <pre>
 * def get_page(url):
 *     return {'url': url, 'text': requests.get(url).text}
 * def parse_page(res):
 *     res = res.result()
 *     print('parse %s' % res['url'])
 * for url in urls:
 *     p.submit(get_page, url).add_done_callback(parse_page)
 * </pre>
 */
public final class DoneCallbackCrawler {
    private DoneCallbackCrawler() {}

    record Page(String url, String text) {}

    static Page getPage(String url) {
        System.out.printf("<%s> get %s%n", Thread.currentThread().getName(), url);
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new Page(url, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void parsePage(Future<Page> res) {
        Page page = res.result(); // parse_page gets the future: result() gives the page
        System.out.printf("<%s> parse %s  size:[%d]%n", Thread.currentThread().getName(), page.url(), page.text().length());
    }

    public static void main(String[] args) throws IOException {
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
        try (ThreadPoolExecutor p = new ThreadPoolExecutor(3)) {
            for (String url : urls) p.submit(DoneCallbackCrawler::getPage, url).addDoneCallback(DoneCallbackCrawler::parsePage);
        } finally {
            server.stop(0);
        }
        System.out.println("every page was parsed as soon as it came, first done first parsed");
    }
}
