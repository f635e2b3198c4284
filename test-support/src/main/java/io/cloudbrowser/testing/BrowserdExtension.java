package io.cloudbrowser.testing;

import io.cloudbrowser.protocol.BrowserdEnv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback page server and a browserd for one test class: started before its first test, stopped after its last
 * (daemons first). The daemon's URL policy admits the page server and whatever {@link Builder#allow} adds. How the
 * daemon runs is the starter's business, so this module needs no browserd: browserd's tests pass their in-process
 * {@code TestDaemon::start}, other modules {@link BrowserdProcess#fromJar}. Tests reach the daemon through this
 * extension ({@link DaemonAccess}), or {@link #daemon()} for what only that kind of daemon offers.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
 *         .withPages(pages -> pages.page("/p", "<h1>hello</h1>"))
 *         .env(BrowserdEnv.IDLE_TIMEOUT, "30")
 *         .daemon(TestDaemon::start);
 *
 * @Test
 * void navigates() {
 *     try (WsClient c = browserd.controller()) {
 *         assertTrue(c.call("navigate", obj().put("url", browserd.url("/p"))).path("ok").asBoolean());
 *     }
 * }
 * }</pre>
 */
public final class BrowserdExtension<D extends Daemon> implements BeforeAllCallback, AfterAllCallback, DaemonAccess {
    private final Consumer<PageServer> pageSetup;
    private final List<String> allowed;
    private final Map<String, String> env;
    private final DaemonStarter<D> starter;
    private final List<D> others = new ArrayList<>();
    private PageServer pages;
    private D daemon;

    private BrowserdExtension(Builder builder, DaemonStarter<D> starter) {
        this.pageSetup = builder.pageSetup;
        this.allowed = List.copyOf(builder.allowed);
        this.env = Map.copyOf(builder.env);
        this.starter = starter;
    }

    /** A page server with the pages {@code pages} adds (more may be added while it runs). */
    public static Builder withPages(Consumer<PageServer> pages) {
        return new Builder(pages);
    }

    /** No page server: the daemon keeps its default URL policy unless {@link Builder#allow} names destinations. */
    public static Builder withoutPages() {
        return new Builder(null);
    }

    public static final class Builder {
        private final Consumer<PageServer> pageSetup;
        private final List<String> allowed = new ArrayList<>();
        private final Map<String, String> env = new HashMap<>();

        private Builder(Consumer<PageServer> pageSetup) {
            this.pageSetup = pageSetup;
        }

        /** More URL policy entries beside the page server (e.g. {@code 127.0.0.1:4444}). */
        public Builder allow(String... destinations) {
            allowed.addAll(List.of(destinations));
            return this;
        }

        /** A browserd setting (see browserd/README.md), over the defaults of {@link DaemonSetup}. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public <D extends Daemon> BrowserdExtension<D> daemon(DaemonStarter<D> starter) {
            return new BrowserdExtension<>(this, starter);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        try {
            if (pageSetup != null) {
                pages = new PageServer();
                pageSetup.accept(pages);
            }
            daemon = starter.start(setup(Map.of()));
        } catch (IOException | RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    /**
     * Another daemon with the same settings plus {@code extra} (its own key), stopped with the first; for a class
     * that compares two configurations on the same pages.
     */
    public D startAnother(Map<String, String> extra) throws IOException {
        D another = starter.start(setup(extra));
        others.add(another);
        return another;
    }

    public D daemon() {
        if (daemon == null) {
            throw new IllegalStateException("not started: register the extension with @RegisterExtension on a static field");
        }
        return daemon;
    }

    public PageServer pages() {
        if (pages == null) {
            throw new IllegalStateException("no page server: use BrowserdExtension.withPages");
        }
        return pages;
    }

    /** The page server's URL for {@code path}. */
    public String url(String path) {
        return pages().url(path);
    }

    @Override
    public int port() {
        return daemon().port();
    }

    @Override
    public DaemonSetup setup() {
        return daemon().setup();
    }

    private DaemonSetup setup(Map<String, String> extra) {
        List<String> policy = new ArrayList<>();
        if (pages != null) {
            policy.add(pages.destination());
        }
        policy.addAll(allowed);
        Map<String, String> all = new HashMap<>();
        if (!policy.isEmpty()) {
            all.put(BrowserdEnv.URL_POLICY, String.join(",", policy));
        }
        all.putAll(env);
        all.putAll(extra);
        return DaemonSetup.defaults().with(all);
    }

    private void stopAll() {
        RuntimeException failure = null;
        List<AutoCloseable> running = new ArrayList<>(others);
        running.add(daemon);
        running.add(pages);
        for (AutoCloseable c : running) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop " + c, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        others.clear();
        daemon = null;
        pages = null;
        if (failure != null) {
            throw failure;
        }
    }
}
