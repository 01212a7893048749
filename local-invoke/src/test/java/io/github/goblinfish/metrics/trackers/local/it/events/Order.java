package io.github.goblinfish.metrics.trackers.local.it.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** An order: numbers of every width, and lists and maps of POJOs. */
public final class Order {
  private long id;
  private BigDecimal amount;
  private BigInteger count;
  private String note;
  private List<Line> lines;
  private Map<String, Line> byCode;

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public void setAmount(BigDecimal amount) {
    this.amount = amount;
  }

  public BigInteger getCount() {
    return count;
  }

  public void setCount(BigInteger count) {
    this.count = count;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  public List<Line> getLines() {
    return lines;
  }

  public void setLines(List<Line> lines) {
    this.lines = lines;
  }

  public Map<String, Line> getByCode() {
    return byCode;
  }

  public void setByCode(Map<String, Line> byCode) {
    this.byCode = byCode;
  }
}
