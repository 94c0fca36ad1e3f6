//! Guessing what each column means (customer, order, date, product...) from its name,
//! in English or Chinese, and its type. The user can correct the guess.

use super::infer::ColumnType;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a column of a transaction log means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Who bought.
    Customer,
    /// Which order (basket) the line belongs to.
    Order,
    /// When.
    Date,
    /// What was bought.
    Product,
    /// The product's category.
    Category,
    /// How many.
    Quantity,
    /// The price of one unit.
    UnitPrice,
    /// The line's total.
    Amount,
    /// The time of day, in a column of its own beside the date.
    Time,
    /// The order's (or line's) status: paid, refunded, cancelled...
    Status,
    /// The product's code or SKU, kept beside its name.
    ProductCode,
    /// The buyer's email (keys guests when the user asks).
    Email,
    /// The buyer's phone (keys guests when the user asks).
    Phone,
    /// How many units of the line were refunded.
    RefundedQuantity,
    /// How much of the line was refunded.
    RefundedAmount,
    /// The order's total, on every line of the order or on its first: never a line amount.
    OrderTotal,
    /// The currency's code.
    Currency,
}

impl Role {
    /// Every role, in order of precedence when two claim one column.
    pub const ALL: [Role; 17] = [
        Role::Customer,
        Role::Date,
        Role::Order,
        Role::Product,
        Role::Quantity,
        Role::UnitPrice,
        Role::Amount,
        Role::Category,
        Role::Time,
        Role::Status,
        Role::ProductCode,
        Role::Email,
        Role::Phone,
        Role::RefundedQuantity,
        Role::RefundedAmount,
        Role::OrderTotal,
        Role::Currency,
    ];

    /// Header names meaning this role, normalised (see [`normalise`]), strongest first.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Role::Customer => &[
                "customerid",
                "customer",
                "customerno",
                "customernumber",
                "customercode",
                "custid",
                "cust",
                "clientid",
                "client",
                "userid",
                "user",
                "memberid",
                "member",
                "buyerid",
                "buyer",
                "accountid",
                "account",
                "email",
                "emailaddress",
                "customeremail",
                "billingemail",
                "客户id",
                "客户编号",
                "客户号",
                "客户",
                "会员id",
                "会员编号",
                "会员",
                "用户id",
                "用户",
                "顾客",
                "买家",
                "买家会员名",
                "买家昵称",
                "下单帐号",
                "下单账号",
                "买家账号",
                "会员账号",
                "用户账号",
                "用户名",
                "账号",
                "kundennummer",
                "kundenid",
                "kunde",
                "kundenr",
                "numéroclient",
                "idclient",
                "cliente",
                "idcliente",
                "usernamebuyer",
            ],
            Role::Order => &[
                "orderid",
                "order",
                "orderno",
                "ordernumber",
                "invoiceno",
                "invoice",
                "invoiceid",
                "invoicenumber",
                "transactionid",
                "transaction",
                "receiptno",
                "receipt",
                "basketid",
                "订单号",
                "订单编号",
                "订单id",
                "订单",
                "单号",
                "发票号",
                "交易号",
                "交易编号",
                "小票号",
                "bestellnummer",
                "bestellung",
                "bestellnr",
                "auftragsnummer",
                "rechnungsnummer",
                "numérodecommande",
                "commande",
                "númerodepedido",
                "pedido",
            ],
            Role::Date => &[
                "orderdate",
                "date",
                "invoicedate",
                "purchasedate",
                "transactiondate",
                "saledate",
                "datetime",
                "timestamp",
                "createdat",
                "orderedat",
                "time",
                "订单日期",
                "日期",
                "下单日期",
                "下单时间",
                "交易日期",
                "交易时间",
                "购买日期",
                "购买时间",
                "订单时间",
                "订单付款时间",
                "付款时间",
                "时间",
                "bestelldatum",
                "datum",
                "rechnungsdatum",
                "datedecommande",
                "fecha",
                "fechadepedido",
            ],
            Role::Product => &[
                "productname",
                "product",
                "itemname",
                "item",
                "description",
                "lineitemname",
                "article",
                "productid",
                "itemid",
                "商品名称",
                "商品",
                "产品名称",
                "产品",
                "品名",
                "宝贝标题",
                "宝贝名称",
                "商品编号",
                "商品id",
                "产品编号",
                "artikel",
                "artikelname",
                "artikelbezeichnung",
                "produkt",
                "bezeichnung",
                "produit",
                "désignation",
                "producto",
                "artículo",
            ],
            Role::Category => &[
                "category",
                "productcategory",
                "categoryname",
                "department",
                "productgroup",
                "class",
                "类别",
                "品类",
                "分类",
                "商品类别",
                "商品分类",
                "类目",
                "kategorie",
                "warengruppe",
                "catégorie",
                "categoría",
            ],
            Role::Quantity => &[
                "quantity",
                "qty",
                "units",
                "unitssold",
                "pieces",
                "count",
                "数量",
                "件数",
                "购买数量",
                "销量",
                "订购数量",
                "menge",
                "anzahl",
                "stück",
                "quantité",
                "cantidad",
            ],
            Role::UnitPrice => &[
                "unitprice",
                "price",
                "priceeach",
                "itemprice",
                "单价",
                "商品单价",
                "价格",
                "售价",
                "einzelpreis",
                "preis",
                "stückpreis",
                "prixunitaire",
                "prix",
                "preciounitario",
                "precio",
            ],
            Role::Amount => &[
                "amount",
                "total",
                "totalamount",
                "linetotal",
                "revenue",
                "sales",
                "salesamount",
                "netamount",
                "ordervalue",
                "linevalue",
                "salesvalue",
                "spend",
                "turnover",
                "金额",
                "总金额",
                "总额",
                "销售额",
                "实付金额",
                "实付款",
                "订单金额",
                "消费金额",
                "合计",
                "gesamt",
                "gesamtpreis",
                "betrag",
                "summe",
                "umsatz",
                "montant",
                "importe",
            ],
            Role::Time => &["time", "ordertime", "uhrzeit", "heure", "hora"],
            Role::Status => &[
                "status",
                "orderstatus",
                "financialstatus",
                "paymentstatus",
                "state",
                "订单状态",
                "交易状态",
                "状态",
                "bestellstatus",
                "statut",
                "estado",
            ],
            Role::ProductCode => &[
                "sku",
                "stockcode",
                "productcode",
                "itemcode",
                "itemsku",
                "productsku",
                "商品编码",
                "商家编码",
                "货号",
                "artikelnummer",
                "artnr",
                "référence",
                "referencia",
            ],
            Role::Email => &[
                "email",
                "emailaddress",
                "customeremail",
                "billingemail",
                "邮箱",
            ],
            Role::Phone => &[
                "phone",
                "phonenumber",
                "billingphone",
                "mobile",
                "手机",
                "手机号",
                "电话",
            ],
            Role::RefundedQuantity => &["refundedquantity", "qtyrefunded", "退款数量"],
            Role::RefundedAmount => &["refundedamount", "amountrefunded", "退款金额"],
            Role::OrderTotal => &[
                "ordertotal",
                "grandtotal",
                "订单金额",
                "订单总额",
                "订单实付金额",
                "bestellsumme",
                "gesamtbestellwert",
            ],
            Role::Currency => &["currency", "currencycode", "币种", "货币"],
        }
    }

    /// Whether a column of type `column_type` can play this role.
    pub fn accepts(self, column_type: &ColumnType) -> bool {
        match self {
            Role::Date => matches!(column_type, ColumnType::Date { .. }),
            Role::Quantity
            | Role::UnitPrice
            | Role::Amount
            | Role::RefundedQuantity
            | Role::RefundedAmount
            | Role::OrderTotal => matches!(column_type, ColumnType::Number { .. }),
            Role::Customer
            | Role::Order
            | Role::Product
            | Role::Category
            | Role::Time
            | Role::Status
            | Role::ProductCode
            | Role::Email
            | Role::Phone
            | Role::Currency => true,
        }
    }

    /// Whether a transaction log must have this role.
    pub fn required(self) -> bool {
        matches!(self, Role::Customer | Role::Date)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Customer => "customer",
            Role::Order => "order",
            Role::Date => "date",
            Role::Product => "product",
            Role::Category => "category",
            Role::Quantity => "quantity",
            Role::UnitPrice => "unit price",
            Role::Amount => "amount",
            Role::Time => "time",
            Role::Status => "status",
            Role::ProductCode => "product code",
            Role::Email => "email",
            Role::Phone => "phone",
            Role::RefundedQuantity => "refunded quantity",
            Role::RefundedAmount => "refunded amount",
            Role::OrderTotal => "order total",
            Role::Currency => "currency",
        })
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    /// A role by its name as shown (`unit price`) or in kebab case (`unit-price`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = normalise(text);
        Role::ALL
            .into_iter()
            .find(|role| normalise(&role.to_string()) == wanted)
            .ok_or_else(|| {
                let known = Role::ALL
                    .iter()
                    .map(|r| r.to_string().replace(' ', "-"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{text:?} is no role; the roles are {known}")
            })
    }
}

/// Lower case, without spaces and punctuation: `Customer ID` and `customer_id` become
/// `customerid`.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#' | '(' | ')' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a column's name says it holds dates (so plain numbers in it may be Excel
/// serials or Unix times).
pub fn names_a_date(name: &str) -> bool {
    let (normalised, words) = (normalise(name), words(name));
    Role::Date
        .names()
        .iter()
        .any(|known| normalised == *known || contains_name(&normalised, &words, known))
}

/// The lower-case words of a header name, split at spaces, punctuation and camelCase:
/// `InvoiceDate` and `invoice_date` give `invoice`, `date`.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        match words.last_mut() {
            Some(word) => word.extend(c.to_lowercase()),
            None => words.push(c.to_lowercase().collect()),
        }
    }
    words.retain(|word| !word.is_empty());
    words
}

/// Whether a header contains a known name: as a run of whole words for Latin names
/// (`Lifetime Value` does not contain `time`, `Validated` not `date`), anywhere for
/// Chinese names, which have no spaces (`订单付款时间` contains `时间`).
fn contains_name(normalised: &str, words: &[String], known: &str) -> bool {
    if !known.is_ascii() {
        return known.chars().count() >= 2 && normalised.contains(known);
    }
    (0..words.len()).any(|start| {
        let mut joined = String::new();
        words[start..].iter().any(|word| {
            joined.push_str(word);
            joined == known
        })
    })
}

/// Which column plays which role.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// Pairs of a role and a column index, at most one per role and per column.
    pub columns: Vec<(Role, usize)>,
}

impl Mapping {
    /// The column playing `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| *c)
    }

    /// Checks a mapping the user chose against the columns: each role and column at most
    /// once, every column existing and of a type its role can use. The error says what
    /// to change.
    pub fn check(&self, names: &[&str], types: &[ColumnType]) -> Result<(), String> {
        for (i, &(role, column)) in self.columns.iter().enumerate() {
            let Some(name) = names.get(column) else {
                return Err(format!(
                    "the {role} is mapped to column {}, but the file has {}",
                    column + 1,
                    names.len()
                ));
            };
            if self.columns[..i]
                .iter()
                .any(|&(r, c)| r == role || c == column)
            {
                return Err(format!("the {role} or the column {name:?} is mapped twice"));
            }
            if !types.get(column).is_some_and(|t| role.accepts(t)) {
                let needs = if role == Role::Date {
                    "dates"
                } else {
                    "numbers"
                };
                return Err(format!(
                    "{name:?} cannot be the {role}: its values are not {needs}"
                ));
            }
        }
        Ok(())
    }

    /// The role of column `index`.
    pub fn role_of(&self, index: usize) -> Option<Role> {
        self.columns
            .iter()
            .find(|(_, c)| *c == index)
            .map(|(r, _)| *r)
    }
}

/// A role a column could play, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Higher is stronger: an exact name beats a name containing a known one, and
    /// earlier names in a role's list beat later ones.
    pub score: u32,
    /// The role.
    pub role: Role,
    /// The column.
    pub column: usize,
    /// Whether the whole name is a known name for the role.
    pub exact: bool,
}

/// Words in a header that say it holds a person's name rather than an id: `Customer
/// Name` and `客户姓名` (a recipient's name on JD) are weak customer columns.
const PERSON_NAME_WORDS: &[&str] = &[
    "name",
    "firstname",
    "lastname",
    "fullname",
    "recipient",
    "receiver",
    "姓名",
    "收货人",
    "收件人",
    "名字",
];

/// Every role each column could play by its name, strongest first.
pub fn candidates(names: &[&str], types: &[ColumnType]) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for (column, original) in names.iter().enumerate() {
        let name = normalise(original);
        if name.is_empty() {
            continue;
        }
        let words = words(original);
        let names_a_person = PERSON_NAME_WORDS
            .iter()
            .any(|known| contains_name(&name, &words, known));
        for role in Role::ALL {
            if !types.get(column).is_some_and(|t| role.accepts(t)) {
                continue;
            }
            for (rank, known) in role.names().iter().enumerate() {
                let (score, exact) = if name == *known {
                    (2000, true)
                } else if contains_name(&name, &words, known) {
                    // `Customer Name` contains `customer`, but a name is no id.
                    let weak = role == Role::Customer && names_a_person;
                    (if weak { 200 } else { 1000 }, false)
                } else {
                    continue;
                };
                candidates.push(Candidate {
                    score: score - rank as u32,
                    role,
                    column,
                    exact,
                });
                break;
            }
        }
    }
    candidates.sort_by(|a, b| b.score.cmp(&a.score).then(a.column.cmp(&b.column)));
    candidates
}

/// Gives each role the strongest free candidate, one role per column; a date column
/// with an unknown name still becomes the date if no other is named so.
pub fn assign(candidates: &[Candidate], types: &[ColumnType]) -> Mapping {
    let mut mapping = Mapping::default();
    for candidate in candidates {
        if mapping.column(candidate.role).is_none() && mapping.role_of(candidate.column).is_none() {
            mapping.columns.push((candidate.role, candidate.column));
        }
    }
    // Without a customer id the email (else the phone) is the customer; without a
    // product name, the code is the product.
    for (wanted, stand_in) in [
        (Role::Customer, Role::Email),
        (Role::Customer, Role::Phone),
        (Role::Product, Role::ProductCode),
    ] {
        if mapping.column(wanted).is_none()
            && let Some(slot) = mapping.columns.iter_mut().find(|(r, _)| *r == stand_in)
        {
            slot.0 = wanted;
        }
    }
    if mapping.column(Role::Date).is_none()
        && let Some(column) = (0..types.len()).find(|&c| {
            mapping.role_of(c).is_none() && types.get(c).is_some_and(|t| Role::Date.accepts(t))
        })
    {
        mapping.columns.push((Role::Date, column));
    }
    mapping.columns.sort();
    mapping
}

/// Guesses the roles of columns with these names and types, by name alone (see
/// [`super::interpret`] for the guess that also reads the values).
pub fn guess(names: &[&str], types: &[ColumnType]) -> Mapping {
    assign(&candidates(names, types), types)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::date::{DateFormat, DateReading};
    use crate::ingest::number::NumberStyle;

    const TEXT: ColumnType = ColumnType::Text;
    const NUMBER: ColumnType = ColumnType::Number {
        style: NumberStyle::DecimalPoint,
    };
    const DATE: ColumnType = ColumnType::Date {
        reading: DateReading {
            format: DateFormat::YearMonthDay,
            order_assumed: false,
        },
    };

    fn check(columns: &[(&str, ColumnType)], expected: &[(Role, &str)]) {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let types: Vec<ColumnType> = columns.iter().map(|(_, t)| *t).collect();
        let mapping = guess(&names, &types);
        let mut got: Vec<(Role, &str)> = mapping
            .columns
            .iter()
            .map(|(r, c)| (*r, names[*c]))
            .collect();
        got.sort();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(got, expected, "{names:?}");
    }

    #[test]
    fn guesses_english_exports() {
        // The UCI Online Retail export.
        check(
            &[
                ("InvoiceNo", TEXT),
                ("StockCode", TEXT),
                ("Description", TEXT),
                ("Quantity", NUMBER),
                ("InvoiceDate", DATE),
                ("UnitPrice", NUMBER),
                ("CustomerID", NUMBER),
                ("Country", TEXT),
            ],
            &[
                (Role::Order, "InvoiceNo"),
                (Role::Product, "Description"),
                (Role::ProductCode, "StockCode"),
                (Role::Quantity, "Quantity"),
                (Role::Date, "InvoiceDate"),
                (Role::UnitPrice, "UnitPrice"),
                (Role::Customer, "CustomerID"),
            ],
        );
        check(
            &[
                ("customer_id", TEXT),
                ("order_id", TEXT),
                ("order date", DATE),
                ("product name", TEXT),
                ("product category", TEXT),
                ("qty", NUMBER),
                ("line total", NUMBER),
            ],
            &[
                (Role::Customer, "customer_id"),
                (Role::Order, "order_id"),
                (Role::Date, "order date"),
                (Role::Product, "product name"),
                (Role::Category, "product category"),
                (Role::Quantity, "qty"),
                (Role::Amount, "line total"),
            ],
        );
    }

    #[test]
    fn guesses_chinese_exports() {
        check(
            &[
                ("客户编号", TEXT),
                ("订单号", TEXT),
                ("下单时间", DATE),
                ("商品名称", TEXT),
                ("商品类别", TEXT),
                ("数量", NUMBER),
                ("单价", NUMBER),
                ("实付金额", NUMBER),
            ],
            &[
                (Role::Customer, "客户编号"),
                (Role::Order, "订单号"),
                (Role::Date, "下单时间"),
                (Role::Product, "商品名称"),
                (Role::Category, "商品类别"),
                (Role::Quantity, "数量"),
                (Role::UnitPrice, "单价"),
                (Role::Amount, "实付金额"),
            ],
        );
    }

    #[test]
    fn types_decide_between_candidates() {
        // "date" named column that is not a date is not the date; the real date is found
        // by its values even under an unknown name.
        check(
            &[
                ("customer", TEXT),
                ("date", TEXT),
                ("when", DATE),
                ("price", TEXT),
            ],
            &[(Role::Customer, "customer"), (Role::Date, "when")],
        );
    }

    #[test]
    fn names_match_whole_words_only() {
        assert!(
            names_a_date("InvoiceDate") && names_a_date("order_date") && names_a_date("下单时间")
        );
        assert!(!names_a_date("Lifetime Value") && !names_a_date("Validated"));
        assert_eq!(words("CustomerID"), ["customer", "id"]);
        check(
            &[
                ("Validated", DATE),
                ("Created at", DATE),
                ("Email", TEXT),
                ("Lifetime Value", NUMBER),
            ],
            &[(Role::Date, "Created at"), (Role::Customer, "Email")],
        );
    }

    #[test]
    fn guesses_a_taobao_export() {
        check(
            &[
                ("订单编号", TEXT),
                ("买家会员名", TEXT),
                ("订单付款时间", DATE),
                ("宝贝标题", TEXT),
                ("购买数量", NUMBER),
                ("实付款", NUMBER),
            ],
            &[
                (Role::Order, "订单编号"),
                (Role::Customer, "买家会员名"),
                (Role::Date, "订单付款时间"),
                (Role::Product, "宝贝标题"),
                (Role::Quantity, "购买数量"),
                (Role::Amount, "实付款"),
            ],
        );
    }
}
