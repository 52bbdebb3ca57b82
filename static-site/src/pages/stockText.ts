/** How much is left, as a shopper reads it. */
export function stockText(stock: number): string {
  if (stock <= 0) {
    return 'Out of stock';
  }
  return stock <= 5 ? `Only ${stock} left` : 'In stock';
}
