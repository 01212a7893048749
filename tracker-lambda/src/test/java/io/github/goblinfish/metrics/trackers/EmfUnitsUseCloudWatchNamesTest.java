package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfUnitsUseCloudWatchNamesTest {
  private static final List<String> SPELLINGS =
      List.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  @Test
  void theTwentySevenUnitsAreSpelledAsInEmf() {
    List<String> spellings = new ArrayList<>();
    for (EmfUnit unit : EmfUnit.values()) {
      spellings.add(unit.emfName());
      assertEquals(unit, EmfUnit.fromEmfName(unit.emfName()));
    }
    assertEquals(SPELLINGS, spellings);
    assertEquals("Count/Second", EmfUnit.COUNT_PER_SECOND.emfName());
  }

  @Test
  void everyUnitIsWrittenAsTheSchemaAccepts() {
    EmfLineFormat.Builder format = LineFormat.emf().dimensions(List.of(List.of()));
    for (EmfUnit unit : EmfUnit.values()) {
      format.unit(unit.name(), unit);
    }
    String line =
        EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
            format,
            (tracker, ticker) -> {
              for (EmfUnit unit : EmfUnit.values()) {
                tracker.setMetric(unit.name(), 1);
              }
            });
    String metrics =
        JsonParser.parseString(line)
            .getAsJsonObject()
            .getAsJsonObject("_aws")
            .getAsJsonArray("CloudWatchMetrics")
            .get(0)
            .getAsJsonObject()
            .get("Metrics")
            .toString();
    for (EmfUnit unit : EmfUnit.values()) {
      String declared = "{\"Name\":\"metric:" + unit.name() + "\"";
      String expected =
          unit == EmfUnit.NONE
              ? declared + "}"
              : declared + ",\"Unit\":\"" + unit.emfName() + "\"}";
      assertTrue(metrics.contains(expected), expected);
    }
  }

  @Test
  void unknownSpellingsAreRefusedWithTheList() {
    assertEquals(
        "unit 'count' is not an EMF unit; accepted: " + String.join(", ", SPELLINGS),
        assertThrows(IllegalArgumentException.class, () -> EmfUnit.fromEmfName("count"))
            .getMessage());
    assertThrows(NullPointerException.class, () -> EmfUnit.fromEmfName(null));
  }
}
