package io.cloudbrowser.browserd.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaSnapshotMode;
import io.cloudbrowser.browserd.cdp.CdpClient;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The refs of the latest {@code snapshot} and what they point at. Playwright's refs ({@code f3e12}: frame, element)
 * are renamed to the session's own shorter ones ({@code e7}, numbered once per session), and the same element keeps
 * its ref across snapshots of one document. A ref is honoured only if the latest snapshot printed it, the page still
 * shows the document it was taken in (the main frame's CDP loader id) and its element is still attached; otherwise
 * {@code stale_ref}, never a click on something else. Used on the browser thread only.
 */
final class PageRefs {
    static final Pattern REF = Pattern.compile("e[0-9]{1,9}");
    private static final long CDP_TIMEOUT_MS = 5_000;

    private final Map<String, String> oursByPlaywright = new HashMap<>();
    private Map<String, String> current = Map.of();
    private String document;
    private long next;

    /** Takes an AI-mode aria snapshot and renames its refs; the refs of earlier snapshots are superseded. */
    String snapshot(Page page, CdpClient cdp, double timeoutMs) throws ProtocolException {
        String doc = document(cdp); // read before: a navigation meanwhile makes refs stale, never wrong
        String raw = page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI).setTimeout(timeoutMs));
        if (!doc.equals(document)) {
            oursByPlaywright.clear(); // the old document's elements are gone: the map stays the size of one page
        }
        document = doc;
        Map<String, String> printed = new HashMap<>();
        String text = SnapshotText.rewrite(raw, pw -> {
            String ours = oursByPlaywright.computeIfAbsent(pw, k -> "e" + ++next);
            printed.put(ours, pw);
            return ours;
        });
        current = printed;
        return text;
    }

    int size() {
        return current.size();
    }

    /**
     * The element a ref of the latest snapshot names, or {@code stale_ref} when the snapshot did not print it or the
     * page has left its document. Whether the element is still attached is asked only when an action on it times
     * out ({@link #gone}): Playwright's {@code aria-ref} then matches nothing.
     */
    Locator resolve(CdpClient cdp, String ref, Page page) throws ProtocolException {
        if (!REF.matcher(ref).matches()) {
            throw new ProtocolException(ErrorCode.INVALID_PARAMS, "params.ref: expected a ref from snapshot, like e12");
        }
        String pw = current.get(ref);
        if (pw == null) {
            throw stale(ref, "it is not in the latest snapshot (the element is gone or changed)");
        }
        if (!document.equals(document(cdp))) {
            throw stale(ref, "the page has navigated since the snapshot");
        }
        return page.locator("aria-ref=" + pw);
    }

    /** After an action on a ref timed out: stale if the element went away meanwhile. */
    boolean gone(Page page, String ref) {
        String pw = current.get(ref);
        return pw == null || page.locator("aria-ref=" + pw).count() == 0;
    }

    static ProtocolException stale(String ref, String why) {
        return new ProtocolException(ErrorCode.STALE_REF, "ref " + ref + " is stale: " + why + "; take a new snapshot");
    }

    private static String document(CdpClient cdp) throws ProtocolException {
        try {
            return cdp.send("Page.getFrameTree").get(CDP_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .path("frameTree").path("frame").path("loaderId").asText();
        } catch (ExecutionException | TimeoutException e) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "cannot read the page's frames: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "interrupted");
        }
    }
}
