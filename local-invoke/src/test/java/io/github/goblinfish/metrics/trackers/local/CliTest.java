package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, one-line errors and the report. */
class CliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--template")) {
            all.add("--template");
            all.add(Fixtures.template().toString());
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        InputStream in = stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = LocalInvoke.run(all, in, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneLineError(String expected) {
        assertEquals("error: " + expected + "\n", err);
    }

    @Test
    void quietPrintsOnlyTheResponseBody() {
        assertEquals(0, run("{}", "LogBytes", "-e", "-", "--quiet"));
        assertEquals("\"ok\"\n", out);
        assertEquals("", err);
    }

    @Test
    void reportShowsFramingEventsResponseAndBreakdown() {
        assertEquals(0, run("{}", "LogBytes", "--log-format", "JSON"));
        String[] lines = out.split("\n", -1);
        assertTrue(lines[0].startsWith("Invoking LogBytes (io.github.goblinfish.metrics.trackers.local.fixtures"
                + ".TestFunctions::logBytes) from "), lines[0]);
        assertTrue(lines[0].endsWith(", 256 MB, timeout 10 s, JSON logs"), lines[0]);
        assertEquals("", lines[1]);
        assertTrue(lines[2].startsWith("INIT_START Runtime Version: java21 (local JDK "), lines[2]);
        assertTrue(lines[3].matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST"), lines[3]);
        String id = lines[3].substring("START RequestId: ".length(), "START RequestId: ".length() + 36);
        assertEquals("[telemetry JSON UNDEFINED]", lines[4]);
        assertEquals(Fixtures.TRACKER, lines[5]);
        assertEquals("END RequestId: " + id, lines[6]);
        assertTrue(lines[7].matches("REPORT RequestId: " + id + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 256 MB\tInit Duration: \\d+\\.\\d\\d ms"), lines[7]);
        String rest = String.join("\n", List.of(lines).subList(8, lines.length));
        String bar = "\u2588";
        assertEquals("""
                Response:
                "ok"

                Tracker line
                latencies (ms)
                  load  12.500  %s
                  save   2.500  %s
                metrics
                  orders = 3
                identifiers
                  order_id = o-1
                """.formatted(bar.repeat(40), bar.repeat(8)), rest);
    }

    @Test
    void functionErrorsExitOneWithAOneLineSummary() {
        assertEquals(1, run("{\"why\":\"x\"}", "Fail", "--no-chart"));
        assertTrue(out.contains("Error (Runtime.UserException):\n{\n  \"errorMessage\": \"boom: x\",\n"), out);
        assertTrue(err.matches("error: Fail request [0-9a-f-]{36} failed: Runtime.UserException "
                + "java.lang.IllegalStateException: boom: x\n"), err);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(null, "Nope"));
        assertOneLineError("function 'Nope' not found in " + Fixtures.template() + "; known functions: LogBytes, "
                + "LogString, PrintLines, Fail, Sleep, Greet, SlowEcho, Missing, BrokenInit, Exit");

        assertEquals(2, run(null, "LogBytes", "-e", dir.resolve("none.json").toString()));
        assertOneLineError("event file " + dir.resolve("none.json") + " not found");

        assertEquals(2, run("{\"a\": }", "LogBytes"));
        assertTrue(err.startsWith("error: event stdin is not valid JSON: "), err);
        assertEquals(1, err.split("\n").length);

        assertEquals(2, run("\n", "LogBytes", "-e", "-"));
        assertOneLineError("event stdin is not valid JSON: it is empty");

        assertEquals(2, run("nope", "LogBytes"));
        assertOneLineError("event stdin is not valid JSON: malformed JSON at line 1 column 1 path $");

        assertEquals(2, run(null, "LogBytes", "--template", dir.resolve("missing.yaml").toString()));
        assertOneLineError("template " + dir.resolve("missing.yaml") + " not found (use --template to point at one)");

        assertEquals(2, run(null, "LogBytes", "--times", "zero"));
        assertTrue(err.startsWith("error: --times needs a positive whole number, not 'zero'\nusage: invoke"), err);

        assertEquals(2, run(null, "LogBytes", "--log-format", "XML"));
        assertTrue(err.startsWith("error: --log-format must be Text or JSON, not 'XML'\n"), err);
    }

    @Test
    void badEventFilesAndTemplatesExitTwo() throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, "{\"a\":1} trailing");
        assertEquals(2, run(null, "LogBytes", "-e", event.toString()));
        assertOneLineError("event " + event + " is not valid JSON: text after the first value");

        Path template = dir.resolve("template.yaml");
        Files.writeString(template, "Resources:\n  Fn: [\n");
        assertEquals(2, run(null, "Fn", "--template", template.toString()));
        assertTrue(err.matches("error: invalid template " + template + ": line \\d+, column \\d+: .*\n"), err);

        Files.createDirectories(dir.resolve("module"));
        Files.writeString(dir.resolve("module/pom.xml"), "<project/>");
        Files.writeString(template, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B::handle, CodeUri: module, Runtime: java21}
                """);
        assertEquals(2, run(null, "--template", template.toString()));
        assertOneLineError("function 'Fn' is not built (" + dir.resolve("module/target/classes")
                + " is missing); run ./mvnw -B package -DskipTests first");
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run(null, "--help"));
        assertTrue(out.startsWith("usage: invoke"));
    }
}
