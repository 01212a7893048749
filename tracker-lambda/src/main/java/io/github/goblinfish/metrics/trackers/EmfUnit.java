package io.github.goblinfish.metrics.trackers;

import java.util.Objects;

/**
 * The 27 units of the CloudWatch Embedded Metric Format, each with its exact EMF spelling ({@link
 * #emfName()}, for example {@code "Count/Second"}).
 *
 * <pre>{@code
 * LineFormat format = LineFormat.emf()
 *     .unit("records_failed", EmfUnit.COUNT)
 *     .unit("payload_size", EmfUnit.BYTES)
 *     .build();
 * }</pre>
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum EmfUnit {
  /** {@code Seconds}. */
  SECONDS("Seconds"),
  /** {@code Microseconds}. */
  MICROSECONDS("Microseconds"),
  /** {@code Milliseconds}: the unit of every latency. */
  MILLISECONDS("Milliseconds"),
  /** {@code Bytes}. */
  BYTES("Bytes"),
  /** {@code Kilobytes}. */
  KILOBYTES("Kilobytes"),
  /** {@code Megabytes}. */
  MEGABYTES("Megabytes"),
  /** {@code Gigabytes}. */
  GIGABYTES("Gigabytes"),
  /** {@code Terabytes}. */
  TERABYTES("Terabytes"),
  /** {@code Bits}. */
  BITS("Bits"),
  /** {@code Kilobits}. */
  KILOBITS("Kilobits"),
  /** {@code Megabits}. */
  MEGABITS("Megabits"),
  /** {@code Gigabits}. */
  GIGABITS("Gigabits"),
  /** {@code Terabits}. */
  TERABITS("Terabits"),
  /** {@code Percent}. */
  PERCENT("Percent"),
  /** {@code Count}. */
  COUNT("Count"),
  /** {@code Bytes/Second}. */
  BYTES_PER_SECOND("Bytes/Second"),
  /** {@code Kilobytes/Second}. */
  KILOBYTES_PER_SECOND("Kilobytes/Second"),
  /** {@code Megabytes/Second}. */
  MEGABYTES_PER_SECOND("Megabytes/Second"),
  /** {@code Gigabytes/Second}. */
  GIGABYTES_PER_SECOND("Gigabytes/Second"),
  /** {@code Terabytes/Second}. */
  TERABYTES_PER_SECOND("Terabytes/Second"),
  /** {@code Bits/Second}. */
  BITS_PER_SECOND("Bits/Second"),
  /** {@code Kilobits/Second}. */
  KILOBITS_PER_SECOND("Kilobits/Second"),
  /** {@code Megabits/Second}. */
  MEGABITS_PER_SECOND("Megabits/Second"),
  /** {@code Gigabits/Second}. */
  GIGABITS_PER_SECOND("Gigabits/Second"),
  /** {@code Terabits/Second}. */
  TERABITS_PER_SECOND("Terabits/Second"),
  /** {@code Count/Second}. */
  COUNT_PER_SECOND("Count/Second"),
  /** {@code None}: the EMF default, written by leaving {@code Unit} out. */
  NONE("None");

  private final String emfName;

  EmfUnit(String emfName) {
    this.emfName = emfName;
  }

  /**
   * Returns the unit's spelling in EMF and CloudWatch.
   *
   * <pre>{@code
   * EmfUnit.COUNT_PER_SECOND.emfName(); // "Count/Second"
   * }</pre>
   *
   * @return the exact EMF spelling, such as {@code "Count/Second"}
   */
  public String emfName() {
    return emfName;
  }

  /**
   * Finds the unit with the given EMF spelling, for configuration read as text.
   *
   * <pre>{@code
   * EmfUnit unit = EmfUnit.fromEmfName("Count/Second"); // COUNT_PER_SECOND
   * }</pre>
   *
   * @param emfName the exact, case-sensitive EMF spelling
   * @return the unit
   * @throws NullPointerException if {@code emfName} is null
   * @throws IllegalArgumentException if no unit is spelled that way; the message lists the 27
   */
  public static EmfUnit fromEmfName(String emfName) {
    Objects.requireNonNull(emfName, "emfName");
    StringBuilder accepted = new StringBuilder();
    for (EmfUnit unit : values()) {
      if (unit.emfName.equals(emfName)) {
        return unit;
      }
      accepted.append(accepted.length() == 0 ? "" : ", ").append(unit.emfName);
    }
    throw new IllegalArgumentException(
        "unit '" + emfName + "' is not an EMF unit; accepted: " + accepted);
  }
}
