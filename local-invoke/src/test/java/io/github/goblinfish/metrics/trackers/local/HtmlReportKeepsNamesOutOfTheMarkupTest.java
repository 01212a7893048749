package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page of the HTML report, read as text: names from the lines are only in its JSON element,
 * escaped so that they cannot end it, and its Content-Security-Policy lets exactly its own two
 * inline scripts run. {@link HtmlReportInABrowserIT} opens such pages in a browser.
 */
class HtmlReportKeepsNamesOutOfTheMarkupTest {
  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern SCRIPTS = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern POLICY =
      Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");

  private static String hostilePage() throws Exception {
    TrackerLog log =
        TrackerLog.read(
            new StringReader(String.join("\n", HostileNames.lines(2))), "function_name");
    return HtmlReport.page(HtmlReportData.of(log.summary(), List.of(HostileNames.IMG)));
  }

  @Test
  void namesAreOnlyInTheJsonElementWithNoCharacterThatCouldEndIt() throws Exception {
    String page = hostilePage();
    Matcher data = DATA.matcher(page);
    assertTrue(data.find(), "no JSON element");
    String json = data.group(1);
    // Gson's HTML-safe escaping: none of < > & = ' is left as it is.
    assertFalse(json.matches("(?s).*[<>&='].*"), json);
    assertTrue(json.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(\\u0027closed"), json);
    String outside = page.substring(0, data.start()) + page.substring(data.end());
    for (String name : HostileNames.STEPS) {
      assertFalse(outside.contains(name), name);
    }
    assertFalse(outside.contains("__pwned"));
    // And the JSON gives every name back as it was written.
    JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
    JsonObject group = parsed.getAsJsonArray("groups").get(0).getAsJsonObject();
    List<String> names = new ArrayList<>();
    for (JsonElement row : group.getAsJsonArray("rows")) {
      names.add(row.getAsJsonObject().get("name").getAsString());
    }
    assertEquals(HostileNames.STEPS, names);
    assertEquals(
        HostileNames.CLOSE
            + ", function_name="
            + HostileNames.SVG
            + ", no cold_start: 2 invocations",
        group.get("heading").getAsString());
    assertEquals(List.of(HostileNames.IMG), strings(parsed.getAsJsonArray("notes")));
  }

  @Test
  void onlyThePagesOwnTwoScriptsMayRunAndNothingIsFetched() throws Exception {
    String page = hostilePage();
    Matcher policy = POLICY.matcher(page);
    assertTrue(policy.find(), "no Content-Security-Policy");
    List<String> hashes = new ArrayList<>();
    Matcher scripts = SCRIPTS.matcher(page);
    while (scripts.find()) {
      hashes.add(
          "'sha256-"
              + Base64.getEncoder()
                  .encodeToString(
                      MessageDigest.getInstance("SHA-256")
                          .digest(scripts.group(1).getBytes(StandardCharsets.UTF_8)))
              + "'");
    }
    assertEquals(2, hashes.size());
    assertEquals(
        "default-src 'none'; script-src "
            + String.join(" ", hashes)
            + "; style-src 'unsafe-inline'; img-src data:",
        policy.group(1));
    // The policy comes before any script, and the markup names nothing to fetch.
    assertTrue(policy.start() < page.indexOf("<script"));
    String markup = page.replaceAll("(?s)<script[^>]*>.*?</script>", "<script></script>");
    assertFalse(markup.matches("(?s).*\\s(src|href)=.*"), markup);
    assertEquals(3, markup.split("<script", -1).length - 1, markup);
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    array.forEach(e -> list.add(e.getAsString()));
    return list;
  }
}
