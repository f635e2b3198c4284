package io.cloudbrowser.bench.pages;

import io.cloudbrowser.testing.TestPages;
import java.util.Map;

/** The pages the benchmark drives, by path, for the shared loopback {@code PageServer}. */
public final class BenchPages {
    /** All black; every mousedown flips the whole viewport between black and white. Static otherwise. */
    public static final String TOGGLE = "/toggle";
    /** An article (headings, paragraphs) with a box and a counter animated every frame: a realistic stream. */
    public static final String ARTICLE = "/article";
    /**
     * A green box moving on white, nothing else ({@link TestPages#MOVING_BOX}): the smallest frames, the worst case
     * for per-frame overhead.
     */
    public static final String MINIMAL = "/minimal";

    private BenchPages() {
    }

    public static Map<String, String> all() {
        return Map.of(TOGGLE, toggle(), ARTICLE, article(), MINIMAL, TestPages.MOVING_BOX);
    }

    private static String toggle() {
        return "<!doctype html><title>toggle</title><body style='margin:0'>"
                + "<div id=box style='position:fixed;inset:0;background:#000;user-select:none'></div><script>"
                + "let white=false;addEventListener('mousedown',()=>{white=!white;"
                + "box.style.background=white?'#fff':'#000'})</script></body>";
    }

    private static String article() {
        StringBuilder paragraphs = new StringBuilder();
        String text = "Live remote browsers stream every frame the compositor draws. This paragraph is ordinary "
                + "body text set in a proportional font so the JPEG encoder sees the edges of real glyphs, not "
                + "flat colour; frame sizes on real sites are closer to this than to an empty page. ";
        for (int i = 1; i <= 6; i++) {
            paragraphs.append("<h2>Section ").append(i).append("</h2><p>").append(text.repeat(3)).append("</p>");
        }
        return "<!doctype html><title>article</title><body style='margin:0 40px;font:16px/1.5 sans-serif;color:#222'>"
                + "<h1>Benchmark article <span id=n>0</span></h1>" + paragraphs
                + "<div id=b style='position:fixed;top:120px;left:0;width:160px;height:160px;"
                + "background:linear-gradient(135deg,#e33,#33e);border-radius:16px'></div><script>"
                + "let i=0;(function f(){i++;b.style.left=(40+i%900)+'px';n.textContent=i;requestAnimationFrame(f)})()"
                + "</script></body>";
    }
}
