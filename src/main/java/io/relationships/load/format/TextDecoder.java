package io.relationships.load.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.relationships.load.Finding;

/**
 * Turns a text file's bytes into characters. UTF-8 (with or without byte-order mark) is expected; a line that is
 * not valid UTF-8 is read as Windows-1252 — what spreadsheet programs write — and reported, so that a file with
 * mixed encodings loads with correct names and a warning instead of replacement characters.
 */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    static boolean looksBinary(byte[] bytes) {
        int sample = Math.min(bytes.length, 8192);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20)) {
                control++;
            }
        }
        return sample > 0 && control * 20 > sample;
    }

    static String decode(byte[] bytes, String file, List<Finding> findings) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return strictUtf8().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException notUtf8) {
            return decodeLineByLine(bytes, start, file, findings);
        }
    }

    /**
     * Decodes line by line. A file with no valid multi-byte UTF-8 at all was written in Windows-1252 (what
     * spreadsheet programs write): it is read as such, with a warning. A file that mixes both encodings cannot
     * be read correctly as either, so it is rejected with the lines that differ.
     */
    private static String decodeLineByLine(byte[] bytes, int start, String file, List<Finding> findings) {
        StringBuilder text = new StringBuilder(bytes.length);
        List<Integer> windowsLines = new ArrayList<>();
        int firstUtf8Line = -1;
        int line = 1;
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i == bytes.length ? i : i + 1;
                try {
                    text.append(strictUtf8().decode(ByteBuffer.wrap(bytes, lineStart, end - lineStart)));
                    if (firstUtf8Line < 0 && hasNonAscii(bytes, lineStart, end)) {
                        firstUtf8Line = line;
                    }
                } catch (CharacterCodingException e) {
                    windowsLines.add(line);
                    text.append(WINDOWS_1252.decode(ByteBuffer.wrap(bytes, lineStart, end - lineStart)));
                }
                lineStart = end;
                line++;
            }
        }
        if (firstUtf8Line > 0) {
            findings.add(Finding.error(file, windowsLines.get(0), "MIXED_ENCODING",
                    "the file mixes encodings: line " + firstUtf8Line + " is UTF-8 but " + windowsLines.size()
                            + " line(s) are not (first: line " + windowsLines.get(0) + "); save the whole file as UTF-8"));
        } else {
            findings.add(Finding.warning(file, windowsLines.get(0), "NOT_UTF8",
                    windowsLines.size() + " line(s) are not UTF-8 and were read as Windows-1252 (first: line "
                            + windowsLines.get(0) + "); save the file as UTF-8 to silence this"));
        }
        return text.toString();
    }

    private static boolean hasNonAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

}
