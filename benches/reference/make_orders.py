"""Writes the benchmark's transaction log: N order lines, 7 columns, seeded.

    python3 benches/reference/make_orders.py OUT.csv [N]

Deterministic (seed 20261122): the same file on every machine, so Rust and pandas
read exactly the same bytes. Plain Python, no packages needed.
"""
import random
import sys

def main() -> None:
    out = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20261122)
    products = [f"Product {i}" for i in range(2000)]
    categories = ["Coffee", "Tea", "Bakery", "Dairy", "Snacks", "Household", "Drinks", "Fruit"]
    with open(out, "w", newline="") as f:
        f.write("customer_id,order_id,order_date,product,category,quantity,unit_price\n")
        for i in range(lines):
            customer = rng.randint(1, 50_000)
            order = i // 4
            date = (f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                    f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00")
            product = rng.randrange(2000)
            f.write(f"C{customer:06d},O{order:07d},{date},{products[product]},"
                    f"{categories[product % 8]},{rng.randint(1, 5)},{rng.randint(50, 5000) / 100:.2f}\n")

if __name__ == "__main__":
    main()
