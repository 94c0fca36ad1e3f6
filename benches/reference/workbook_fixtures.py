"""Writes the workbook fixtures of the loading tests (tests/fixtures/workbooks/).

- youzan.xlsx: a small order export as Youzan (有赞) writes it: Chinese headers, one row
  per order line, order ids as text, times as date cells, prices and phone numbers as
  numbers, an order of two lines, a refunded line and a closed order.
- orders.xls (Excel 97-2003, written by xlwt) and orders.ods (OpenDocument, written by
  odfpy): an empty first sheet "Cover", then "Orders" with Chinese headers, dates, whole
  and decimal numbers, an empty cell and a blank row. The loader must skip the empty
  sheet, read the dates as dates and count 5 rows.

Usage: workbook_fixtures.py FOLDER
"""

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

FIXED = dt.datetime(2026, 12, 7, 0, 0, 0)

YOUZAN_HEADERS = [
    "订单号", "订单状态", "订单商品状态", "商品名称", "商品编码", "商品单价", "商品数量",
    "商品实际成交金额", "买家手机号", "下单时间", "订单实付金额",
]
YOUZAN_ROWS = [
    ("E20240105093012045601", "交易成功", "已发货", "云南小粒咖啡豆 500g", "CF-500", 89.0, 1, 89.0, 13800138001, dt.datetime(2024, 1, 5, 9, 30, 12), 89.0),
    ("E20240106141500112233", "交易成功", "已发货", "手冲滤杯", "DR-01", 45.5, 2, 91.0, 13800138002, dt.datetime(2024, 1, 6, 14, 15, 0), 120.0),
    ("E20240106141500112233", "交易成功", "已发货", "滤纸 100 张", "FP-100", 29.0, 1, 29.0, 13800138002, dt.datetime(2024, 1, 6, 14, 15, 0), 120.0),
    ("E20240110200145778899", "交易成功", "退款成功", "云南小粒咖啡豆 500g", "CF-500", 89.0, 1, 89.0, 13800138003, dt.datetime(2024, 1, 10, 20, 1, 45), 89.0),
    ("E20240112081000334455", "交易关闭", "未发货", "挂耳咖啡 10 包", "DB-10", 39.9, 3, 119.7, 13800138004, dt.datetime(2024, 1, 12, 8, 10, 0), 119.7),
    ("E20240115113020556677", "交易成功", "已发货", "挂耳咖啡 10 包", "DB-10", 39.9, 1, 39.9, 13800138001, dt.datetime(2024, 1, 15, 11, 30, 20), 39.9),
    ("E20240120170505667788", "已发货", "已发货", "冷萃咖啡液", "CB-06", 59.0, 2, 118.0, 13800138005, dt.datetime(2024, 1, 20, 17, 5, 5), 118.0),
    ("E20240201090000778899", "交易成功", "已发货", "手冲滤杯", "DR-01", 45.5, 1, 45.5, 13800138003, dt.datetime(2024, 2, 1, 9, 0, 0), 45.5),
]

TABLE_HEADERS = ["客户", "订单号", "日期", "商品", "数量", "金额"]
# None: an empty cell. The blank row (all None) sits between the second and third rows.
TABLE_ROWS = [
    ("C001", 1001, dt.date(2024, 3, 1), "咖啡", 2, 25.5),
    ("C002", 1002, dt.date(2024, 3, 2), "茶", 1, 12.0),
    (None, None, None, None, None, None),
    ("C001", 1003, dt.date(2024, 3, 15), None, 1, 8.25),
    ("C003", 1004, dt.date(2024, 4, 1), "咖啡", 3, 38.0),
    ("C002", 1005, dt.date(2024, 4, 2), "蛋糕", 1, 19.9),
]


def youzan(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单明细"
    sheet.append(YOUZAN_HEADERS)
    for row in YOUZAN_ROWS:
        sheet.append(row)
    for cell in sheet["J"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.save(path)


def xls(path):
    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("Cover")
    sheet = book.add_sheet("Orders")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, name in enumerate(TABLE_HEADERS):
        sheet.write(0, c, name)
    for r, row in enumerate(TABLE_ROWS, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write(r, c, dt.datetime.combine(value, dt.time()), date_style)
            else:
                sheet.write(r, c, value)
    book.save(path)


def ods_cell(value):
    if value is None:
        return TableCell()
    if isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def ods(path):
    doc = OpenDocumentSpreadsheet()
    doc.spreadsheet.addElement(Table(name="Cover"))
    table = Table(name="Orders")
    for row in [TABLE_HEADERS, *TABLE_ROWS]:
        tr = TableRow()
        for value in row:
            tr.addElement(ods_cell(value))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def main():
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    youzan(folder / "youzan.xlsx")
    xls(folder / "orders.xls")
    ods(folder / "orders.ods")


if __name__ == "__main__":
    main()
