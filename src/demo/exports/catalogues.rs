//! What the generated shops sell.

use super::shop::{Product, p};

/// A homeware and stationery shop, in dollars (or pounds, or ringgit).
pub(crate) static ENGLISH: [Product; 16] = [
    p("Ceramic Mug - Sage", "MUG-SAGE", 18.00, "Kitchen"),
    p("Ceramic Mug - Sand", "MUG-SAND", 18.00, "Kitchen"),
    p("Linen Tea Towel", "TT-LIN-01", 14.50, "Kitchen"),
    p("Walnut Serving Board", "BRD-WAL-L", 64.00, "Kitchen"),
    p("Pour-Over Coffee Set", "COF-PO-SET", 49.95, "Kitchen"),
    p("Beeswax Candle, Tall", "CDL-BW-T", 22.00, "Home"),
    p("Wool Throw Blanket", "THR-WOOL-GR", 129.00, "Home"),
    p("Stoneware Vase", "VAS-STN-M", 38.50, "Home"),
    p("Dotted Notebook A5", "NB-A5-DOT", 12.00, "Stationery"),
    p("Brass Pen", "PEN-BRS", 34.00, "Stationery"),
    p("Weekly Planner 2025", "PLN-WK-25", 26.00, "Stationery"),
    p("Greeting Cards (Set of 6)", "CRD-SET6", 15.00, "Stationery"),
    p("Canvas Tote Bag", "BAG-CNV-NAT", 24.00, "Accessories"),
    p("Leather Key Ring", "KR-LTH-BR", 16.50, "Accessories"),
    p("Gift Box \"Morning Ritual\"", "GFT-MORN", 89.00, "Gifts"),
    p("Scented Soap Trio", "SOAP-TRIO", 21.00, "Gifts"),
];

/// A Chinese shop's listings (titles as Taobao, JD and Youzan sellers write them), in yuan.
pub(crate) static CHINESE: [Product; 14] = [
    p("纯棉短袖T恤男夏季宽松圆领", "100012043978", 59.00, "男装"),
    p("加厚珊瑚绒睡衣女秋冬套装", "100009871245", 129.00, "女装"),
    p("不锈钢保温杯500ml大容量", "100020335817", 79.90, "家居"),
    p("家用陶瓷碗碟套装 10件", "100014552360", 168.00, "家居"),
    p("无线蓝牙耳机 降噪运动款", "100035012984", 299.00, "数码"),
    p("20000毫安充电宝 快充", "100027745516", 139.00, "数码"),
    p("有机五常大米 5kg", "100008345120", 89.90, "食品"),
    p("云南普洱茶 熟茶 357g 饼", "100016678839", 238.00, "食品"),
    p("每日坚果 混合果仁 30袋", "100024417702", 99.00, "食品"),
    p("儿童益智积木 拼装玩具", "100030981155", 149.00, "玩具"),
    p("氨基酸洗面奶 温和清洁", "100011223344", 69.00, "美妆"),
    p("补水保湿面膜 10片装", "100019283746", 49.90, "美妆"),
    p("瑜伽垫 加厚防滑 6mm", "100022110987", 88.00, "运动"),
    p("跑步鞋 男 轻便透气", "100031234876", 359.00, "运动"),
];

/// The UCI Online Retail shop's gifts, in pounds.
pub(crate) static UCI: [Product; 14] = [
    p("WHITE HANGING HEART T-LIGHT HOLDER", "85123A", 2.55, ""),
    p("WHITE METAL LANTERN", "71053", 3.39, ""),
    p("CREAM CUPID HEARTS COAT HANGER", "84406B", 2.75, ""),
    p("KNITTED UNION FLAG HOT WATER BOTTLE", "84029G", 3.39, ""),
    p("RED WOOLLY HOTTIE WHITE HEART.", "84029E", 3.39, ""),
    p("SET 7 BABUSHKA NESTING BOXES", "22752", 7.65, ""),
    p("GLASS STAR FROSTED T-LIGHT HOLDER", "21730", 4.25, ""),
    p("HAND WARMER UNION JACK", "22633", 1.85, ""),
    p("ASSORTED COLOUR BIRD ORNAMENT", "84879", 1.69, ""),
    p("JUMBO BAG RED RETROSPOT", "85099B", 1.95, ""),
    p("LUNCH BAG RED RETROSPOT", "20725", 1.65, ""),
    p("REGENCY CAKESTAND 3 TIER", "22423", 12.75, ""),
    p("PARTY BUNTING", "47566", 4.95, ""),
    p("ALARM CLOCK BAKELIKE RED ", "22726", 3.75, ""),
];

/// A German kitchen shop, in euros.
pub(crate) static GERMAN: [Product; 12] = [
    p(
        "Kaffeebecher Steingut 350 ml",
        "ART-10023",
        12.90,
        "Geschirr",
    ),
    p("Müslischale blau", "ART-10031", 8.50, "Geschirr"),
    p("Teekanne Glas 1,2 l", "ART-10045", 34.95, "Geschirr"),
    p("Geschirrtuch Leinen 2er-Set", "ART-20011", 16.00, "Textil"),
    p("Schürze Baumwolle \"Küche\"", "ART-20017", 24.90, "Textil"),
    p("Brotkasten Bambus", "ART-30002", 39.00, "Aufbewahrung"),
    p("Gewürzregal Eiche", "ART-30008", 49.90, "Aufbewahrung"),
    p("Schneidebrett Walnuss", "ART-40001", 59.00, "Zubehör"),
    p("Küchenwaage digital", "ART-40012", 29.99, "Zubehör"),
    p("Espressokocher Edelstahl", "ART-40020", 44.50, "Zubehör"),
    p("Backform Ø 26 cm", "ART-50004", 19.95, "Backen"),
    p("Nudelholz Buche", "ART-50009", 14.90, "Backen"),
];
