//! The demo shop's products.

/// A product of the demo shop.
pub struct Product {
    /// Its name.
    pub name: &'static str,
    /// Its category.
    pub category: &'static str,
    /// Its unit price.
    pub price: f64,
    /// In the dearer half of its category.
    pub premium: bool,
}

const fn p(name: &'static str, category: &'static str, price: f64, premium: bool) -> Product {
    Product {
        name,
        category,
        price,
        premium,
    }
}

/// Every product, eight categories of six.
pub static CATALOGUE: [Product; 48] = [
    p("Espresso beans", "Coffee", 14.90, true),
    p("Single-origin beans", "Coffee", 22.50, true),
    p("Ground coffee", "Coffee", 6.90, false),
    p("Decaf beans", "Coffee", 12.40, true),
    p("Instant coffee", "Coffee", 4.20, false),
    p("Coffee filters", "Coffee", 2.10, false),
    p("Green tea", "Tea", 5.80, false),
    p("Earl Grey", "Tea", 4.90, false),
    p("Matcha powder", "Tea", 18.00, true),
    p("Chamomile tea", "Tea", 3.90, false),
    p("Oolong tea", "Tea", 11.50, true),
    p("Tea gift box", "Tea", 24.00, true),
    p("Croissant", "Bakery", 1.80, false),
    p("Sourdough loaf", "Bakery", 4.50, true),
    p("Baguette", "Bakery", 2.20, false),
    p("Cinnamon roll", "Bakery", 2.60, false),
    p("Almond biscuits", "Bakery", 3.40, false),
    p("Fruit tart", "Bakery", 6.90, true),
    p("Whole milk", "Dairy", 1.30, false),
    p("Oat milk", "Dairy", 2.40, false),
    p("Greek yoghurt", "Dairy", 3.20, false),
    p("Aged cheddar", "Dairy", 7.80, true),
    p("Brie", "Dairy", 6.50, true),
    p("Butter", "Dairy", 2.90, false),
    p("Dark chocolate", "Snacks", 3.50, true),
    p("Salted crisps", "Snacks", 1.90, false),
    p("Mixed nuts", "Snacks", 5.90, true),
    p("Granola bar", "Snacks", 1.20, false),
    p("Popcorn", "Snacks", 2.30, false),
    p("Truffle selection", "Snacks", 15.00, true),
    p("Dish soap", "Household", 2.80, false),
    p("Paper towels", "Household", 4.10, false),
    p("Laundry pods", "Household", 11.90, true),
    p("Sponges", "Household", 1.60, false),
    p("Scented candle", "Household", 13.50, true),
    p("Bin bags", "Household", 3.30, false),
    p("Sparkling water", "Drinks", 0.90, false),
    p("Orange juice", "Drinks", 2.70, false),
    p("Craft lemonade", "Drinks", 3.60, true),
    p("Kombucha", "Drinks", 3.90, true),
    p("Cola", "Drinks", 1.40, false),
    p("Cold brew", "Drinks", 4.50, true),
    p("Bananas", "Fruit", 1.50, false),
    p("Apples", "Fruit", 2.80, false),
    p("Strawberries", "Fruit", 4.20, true),
    p("Avocados", "Fruit", 3.90, true),
    p("Blueberries", "Fruit", 4.80, true),
    p("Lemons", "Fruit", 1.90, false),
];

/// Products planted to sell together: (antecedent, consequent).
pub const PLANTED: [(&str, &str); 3] = [
    ("Espresso beans", "Croissant"),
    ("Green tea", "Almond biscuits"),
    ("Brie", "Baguette"),
];
