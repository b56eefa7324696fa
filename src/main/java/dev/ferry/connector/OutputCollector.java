package dev.ferry.connector;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a remote script's stdout and stderr, in whatever pieces they arrive, into whole lines
 * for the {@link OutputListener} and the full text for the {@link CommandResult}. Standard error that is
 * CLIXML is held back until the end and decoded into readable text.
 */
public final class OutputCollector {

    private final OutputListener listener;
    private final Part stdout = new Part(OutputListener.Stream.STDOUT);
    private final Part stderr = new Part(OutputListener.Stream.STDERR);

    public OutputCollector(OutputListener listener) {
        this.listener = listener;
    }

    public synchronized void stdout(byte[] bytes, int offset, int length) {
        stdout.add(bytes, offset, length);
    }

    public synchronized void stderr(byte[] bytes, int offset, int length) {
        stderr.add(bytes, offset, length);
    }

    /** Sends what is left (a last line without a line break, decoded CLIXML). Call once, at the end. */
    public synchronized void finish() {
        stdout.finish();
        stderr.finish();
    }

    public synchronized String stdoutText() {
        return stdout.text.toString();
    }

    public synchronized String stderrText() {
        return stderr.text.toString();
    }

    private final class Part {
        private final OutputListener.Stream stream;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(0);
        private final StringBuilder line = new StringBuilder();
        private final StringBuilder text = new StringBuilder();
        /** Null until the first characters tell; then whether this stream is CLIXML. */
        private Boolean clixml;
        private final StringBuilder held = new StringBuilder();

        Part(OutputListener.Stream stream) {
            this.stream = stream;
        }

        void add(byte[] bytes, int offset, int length) {
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
            in.put(pending).put(bytes, offset, length).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = in.slice();
            out.flip();
            chars(out.toString());
        }

        private void chars(String chars) {
            if (chars.isEmpty()) {
                return;
            }
            if (stream == OutputListener.Stream.STDERR && clixml == null) {
                held.append(chars);
                String start = held.toString().stripLeading();
                if (start.length() < Clixml.MARKER.length() && Clixml.MARKER.startsWith(start)) {
                    return; // not enough yet to tell
                }
                clixml = start.startsWith(Clixml.MARKER);
                if (clixml) {
                    return;
                }
                chars = held.toString();
                held.setLength(0);
            } else if (Boolean.TRUE.equals(clixml)) {
                held.append(chars);
                return;
            }
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c == '\n') {
                    emit();
                } else {
                    line.append(c);
                }
            }
        }

        void finish() {
            CharBuffer out = CharBuffer.allocate(pending.remaining() + 4);
            decoder.decode(pending, out, true);
            decoder.flush(out);
            out.flip();
            pending = ByteBuffer.allocate(0);
            chars(out.toString());
            if (!held.isEmpty()) {
                String readable = Boolean.TRUE.equals(clixml) ? Clixml.decode(held.toString()) : held.toString();
                held.setLength(0);
                clixml = false;
                chars(readable.endsWith("\n") || readable.isEmpty() ? readable : readable + "\n");
            }
            if (!line.isEmpty()) {
                emit();
            }
        }

        private void emit() {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            text.append(line).append('\n');
            listener.line(stream, line.toString());
            line.setLength(0);
        }
    }
}
