package io.cloudbrowser.browserd.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.cdp.CdpClient;
import io.cloudbrowser.browserd.protocol.Inbound;

/**
 * Maps protocol input to CDP {@code Input.dispatch*} parameters. Mouse coordinates arrive in the client's
 * rendered surface space and leave in CSS pixels of the page viewport, which is what CDP expects whatever the
 * device pixel ratio: a click at a surface point lands on the element drawn there.
 */
public final class InputMapper {
    private InputMapper() {
    }

    /** {@code Input.dispatchMouseEvent} params for a viewport of {@code cssW x cssH} CSS pixels. */
    public static ObjectNode mouse(Inbound.Mouse m, int cssW, int cssH) {
        double x = m.x();
        double y = m.y();
        if (m.surfaceW() > 0) {
            x = x * cssW / m.surfaceW();
            y = y * cssH / m.surfaceH();
        }
        ObjectNode p = CdpClient.params()
                .put("type", switch (m.action()) {
                    case "down" -> "mousePressed";
                    case "up" -> "mouseReleased";
                    case "wheel" -> "mouseWheel";
                    default -> "mouseMoved";
                })
                .put("x", clamp(x, cssW)).put("y", clamp(y, cssH))
                .put("modifiers", m.modifiers())
                .put("button", m.button())
                .put("clickCount", m.clickCount());
        if (m.action().equals("wheel")) {
            p.put("deltaX", m.deltaX()).put("deltaY", m.deltaY());
        }
        return p;
    }

    /** {@code Input.dispatchKeyEvent} params. */
    public static ObjectNode key(Inbound.Key k) {
        ObjectNode p = CdpClient.params().put("modifiers", k.modifiers());
        if (k.action().equals("char")) {
            return p.put("type", "char").put("text", k.text()).put("unmodifiedText", k.text());
        }
        int vk = KeyCodes.of(k.code(), k.key());
        String text = k.action().equals("down") ? textOf(k) : "";
        p.put("type", k.action().equals("up") ? "keyUp" : text.isEmpty() ? "rawKeyDown" : "keyDown")
                .put("key", k.key()).put("code", k.code())
                .put("windowsVirtualKeyCode", vk).put("nativeVirtualKeyCode", vk);
        if (!text.isEmpty()) {
            p.put("text", text).put("unmodifiedText", text);
        }
        if (k.code().startsWith("Numpad")) {
            p.put("location", 3);
        } else if (k.code().endsWith("Right") && !k.code().startsWith("Arrow") && !k.code().startsWith("Bracket")) {
            p.put("location", 2);
        } else if (k.code().endsWith("Left") && !k.code().startsWith("Arrow") && !k.code().startsWith("Bracket")) {
            p.put("location", 1);
        }
        return p;
    }

    /**
     * What a key-down types: its explicit text, else a printable one-character key, Enter as a carriage return;
     * nothing while Ctrl, Alt or Meta is held, so shortcuts do not also type their letter.
     */
    private static String textOf(Inbound.Key k) {
        if ((k.modifiers() & 7) != 0) {
            return "";
        }
        if (!k.text().isEmpty()) {
            return k.text();
        }
        if (k.key().equals("Enter")) {
            return "\r";
        }
        return k.key().length() == 1 ? k.key() : "";
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(v, max - 1));
    }
}
