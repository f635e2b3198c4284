package io.cloudbrowser.browserd.input;

import java.util.HashMap;
import java.util.Map;

/**
 * Windows virtual key codes for DOM {@code code} and {@code key} values. Chromium needs them on
 * {@code Input.dispatchKeyEvent} for keys to have their default action (Backspace deletes, Enter submits,
 * Tab moves focus, arrows move the caret).
 */
final class KeyCodes {
    private static final Map<String, Integer> BY_CODE = new HashMap<>();
    private static final Map<String, Integer> BY_KEY = new HashMap<>();

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BY_CODE.put("Key" + c, (int) c);
        }
        for (char c = '0'; c <= '9'; c++) {
            BY_CODE.put("Digit" + c, (int) c);
            BY_CODE.put("Numpad" + c, 96 + (c - '0'));
        }
        for (int i = 1; i <= 12; i++) {
            BY_CODE.put("F" + i, 111 + i);
        }
        Object[][] named = {
                {"Backspace", 8}, {"Tab", 9}, {"Enter", 13}, {"NumpadEnter", 13}, {"ShiftLeft", 16}, {"ShiftRight", 16},
                {"ControlLeft", 17}, {"ControlRight", 17}, {"AltLeft", 18}, {"AltRight", 18}, {"Pause", 19},
                {"CapsLock", 20}, {"Escape", 27}, {"Space", 32}, {"PageUp", 33}, {"PageDown", 34}, {"End", 35},
                {"Home", 36}, {"ArrowLeft", 37}, {"ArrowUp", 38}, {"ArrowRight", 39}, {"ArrowDown", 40},
                {"Insert", 45}, {"Delete", 46}, {"MetaLeft", 91}, {"MetaRight", 92}, {"ContextMenu", 93},
                {"NumpadMultiply", 106}, {"NumpadAdd", 107}, {"NumpadSubtract", 109}, {"NumpadDecimal", 110},
                {"NumpadDivide", 111}, {"Semicolon", 186}, {"Equal", 187}, {"Comma", 188}, {"Minus", 189},
                {"Period", 190}, {"Slash", 191}, {"Backquote", 192}, {"BracketLeft", 219}, {"Backslash", 220},
                {"BracketRight", 221}, {"Quote", 222}};
        for (Object[] n : named) {
            BY_CODE.put((String) n[0], (Integer) n[1]);
        }
        Object[][] keys = {
                {"Backspace", 8}, {"Tab", 9}, {"Enter", 13}, {"Shift", 16}, {"Control", 17}, {"Alt", 18},
                {"Escape", 27}, {" ", 32}, {"PageUp", 33}, {"PageDown", 34}, {"End", 35}, {"Home", 36},
                {"ArrowLeft", 37}, {"ArrowUp", 38}, {"ArrowRight", 39}, {"ArrowDown", 40}, {"Insert", 45},
                {"Delete", 46}, {"Meta", 91}, {";", 186}, {"=", 187}, {",", 188}, {"-", 189}, {".", 190},
                {"/", 191}, {"`", 192}, {"[", 219}, {"\\", 220}, {"]", 221}, {"'", 222}};
        for (Object[] k : keys) {
            BY_KEY.put((String) k[0], (Integer) k[1]);
        }
    }

    private KeyCodes() {
    }

    /** The virtual key code for a key event, 0 when unknown (then only its text, if any, is typed). */
    static int of(String code, String key) {
        Integer byCode = BY_CODE.get(code);
        if (byCode != null) {
            return byCode;
        }
        Integer byKey = BY_KEY.get(key);
        if (byKey != null) {
            return byKey;
        }
        if (key.length() == 1) {
            char c = Character.toUpperCase(key.charAt(0));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                return c;
            }
        }
        return 0;
    }
}
