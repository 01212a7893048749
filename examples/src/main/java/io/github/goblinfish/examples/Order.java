package io.github.goblinfish.examples;

import java.util.List;

/**
 * An order as the sample API returns it. Gson writes a record by its component names, so this is
 * also the shape of the response body.
 *
 * @param id the order id, such as {@code ord-1001}
 * @param customerId who placed it
 * @param status where it is in fulfilment
 * @param lines what was ordered
 */
public record Order(String id, String customerId, String status, List<OrderLine> lines) {

  /** Keeps the order immutable whatever list the caller passed. */
  public Order {
    lines = List.copyOf(lines);
  }

  /**
   * Returns what the order costs.
   *
   * @return the sum of every line's quantity times its unit price, in cents
   */
  public long totalCents() {
    return lines.stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum();
  }

  /**
   * One product line of an order.
   *
   * @param sku the product
   * @param quantity how many
   * @param unitPriceCents the price of one, in cents
   */
  public record OrderLine(String sku, int quantity, long unitPriceCents) {}
}
