package io.github.goblinfish.metrics.trackers.local.it.events;

import java.math.BigDecimal;

/** An order line: a POJO as users write them, read by the runtime's Jackson serializer. */
public final class Line {
  private String sku;
  private BigDecimal price;
  private long qty;

  public String getSku() {
    return sku;
  }

  public void setSku(String sku) {
    this.sku = sku;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }

  public long getQty() {
    return qty;
  }

  public void setQty(long qty) {
    this.qty = qty;
  }
}
