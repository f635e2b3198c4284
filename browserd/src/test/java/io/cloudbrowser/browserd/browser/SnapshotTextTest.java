package io.cloudbrowser.browserd.browser;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ref rewrite reads only a line's head: names and text the page controls are never taken for refs. */
class SnapshotTextTest {
    @Test
    void keepsRefsOfInteractiveElementsRenamedAndDropsTheRest() {
        List<String> seen = new ArrayList<>();
        String out = SnapshotText.rewrite("""
                - generic [active] [ref=e1]:
                  - heading "Title [ref=e9]" [level=1] [ref=e2]
                  - 'button "a: b" [ref=f1e3]'
                  - link "Docs" [ref=e4] [cursor=pointer]:
                    - /url: /docs
                  - generic [ref=e5] [cursor=pointer]: click [ref=e6] here
                  - paragraph [ref=e7]: "[ref=e8]"
                  - textbox "q \\" [ref=e10]" [ref=e11]""", pw -> {
            seen.add(pw);
            return "r" + seen.size();
        });
        assertEquals("""
                - generic [active]:
                  - heading "Title [ref=e9]" [level=1]
                  - 'button "a: b" [ref=r1]'
                  - link "Docs" [ref=r2]:
                    - /url: /docs
                  - generic [ref=r3]: click [ref=e6] here
                  - paragraph: "[ref=e8]"
                  - textbox "q \\" [ref=e10]" [ref=r4]""", out);
        assertEquals(List.of("f1e3", "e4", "e5", "e11"), seen);
    }
}
