package io.github.goblinfish.examples;

/**
 * One message of the sample queue: a change in how many units of a product are in stock, such as
 * {@code {"sku":"SKU-KEYBOARD","quantityDelta":-2,"warehouse":"DUB-1"}}.
 *
 * @param sku the product
 * @param quantityDelta units added (positive) or taken (negative)
 * @param warehouse where the stock is
 */
public record StockUpdate(String sku, int quantityDelta, String warehouse) {}
