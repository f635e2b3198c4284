package io.cloudbrowser.testing;

/** Pages more than one module's tests (or the benchmark) drive, for a {@link PageServer}. */
public final class TestPages {
    /**
     * Random noise redrawn every animation frame: every frame is a large JPEG, so socket buffers fill after a few.
     * For backpressure tests.
     */
    public static final String NOISE = "<body style='margin:0'><canvas id=c width=1280 height=720></canvas><script>"
            + "const x=c.getContext('2d');(function f(){const d=x.createImageData(1280,720);"
            + "for(let i=0;i<d.data.length;i++)d.data[i]=Math.random()*255;x.putImageData(d,0,0);"
            + "requestAnimationFrame(f)})()</script></body>";

    /** A green box moving on white, nothing else: a frame every animation frame, and the smallest frames. */
    public static final String MOVING_BOX = "<!doctype html><title>moving box</title><body style='margin:0'>"
            + "<div id=b style='width:200px;height:200px;background:green'></div><script>"
            + "let i=0;(function f(){b.style.marginLeft=(i++%400)+'px';requestAnimationFrame(f)})()</script></body>";

    private TestPages() {
    }

    /** A page of one colour, edge to edge ({@code color} is any CSS colour). */
    public static String solid(String color) {
        return "<body style='margin:0;background:" + color + "'></body>";
    }
}
