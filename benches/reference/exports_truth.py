"""Reads the generated platform exports (`crm-lens demo --platform all DIR`) by each
platform's own rules, with nothing but Python's csv module, and prints per layout the
numbers `crm_lens::demo::exports::ExportTruth` holds: data rows, rows that are no
purchases, guests' rows, pseudo-products' rows and the identified customers' purchase
revenue (merchandise, less partial refunds). The pinned table in
src/demo/exports/tests.rs is what this printed; run by scripts/exports-truth.sh.

It knows the layouts only as their platforms document them (which statuses are
refunds, which column keys the customer, where a partial refund is written), not the
generators' code, so it is an independent reading of the files.
"""

import csv
import io
import os
import sys

D = sys.argv[1]
def rows(name, enc, delim=','):
    b=open(os.path.join(D,name),'rb').read()
    t=b.decode(enc)
    if t.startswith('\ufeff'): t=t[1:]
    return list(csv.DictReader(io.StringIO(t, newline=''), delimiter=delim))
def num(s):
    s=s.replace('$','').replace('€','').replace(' ','').strip()
    if ',' in s and '.' in s and s.rfind(',')>s.rfind('.'): s=s.replace('.','').replace(',','.')
    elif ',' in s and '.' not in s: s=s.replace(',','.')
    else: s=s.replace(',','')
    return float(s) if s else 0.0
def report(name, rs, cust, guest_vals, bad, pseudo_names, prod, money, partial=None):
    ref=sum(1 for r in rs if bad(r)); g=sum(1 for r in rs if r[cust] in guest_vals)
    ps=sum(1 for r in rs if prod and r[prod] in pseudo_names)
    rev=0.0
    for r in rs:
        if bad(r) or r[cust] in guest_vals or (prod and r[prod] in pseudo_names): continue
        rev+=money(r)
    if partial: rev-=partial(rs, cust, guest_vals, bad)
    print(name, len(rs), ref, g, ps, f"{rev:.2f}")
# shopify: status on first line; propagate
rs=rows('shopify-orders_export_1.csv','utf-8'); st={}; refd={}
for r in rs:
    if r['Financial Status']: st[r['Name']]=r['Financial Status']; refd[r['Name']]=num(r['Refunded Amount'])
def pshop(rs,c,g,b):
    return sum(refd[n] for n in set(r['Name'] for r in rs if r[c] not in g) if st[n]=='partially_refunded')
report('shopify',rs,'Email',{''},lambda r: st[r['Name']] in('refunded','voided'),set(),None,lambda r: num(r['Lineitem price'])*num(r['Lineitem quantity']),pshop)
rs=rows('woocommerce-orders-export.csv','utf-8')
report('woocommerce',rs,'customer_id',{'0'},lambda r:r['status'] in('refunded','cancelled','failed'),set(),None,lambda r:num(r['item_total']))
rs=rows('magento-export.csv','utf-8')
report('magento',rs,'Customer ID',{''},lambda r:r['Status'] in('Closed','Canceled'),set(),None,lambda r:num(r['Row Total'])-num(r['Qty Refunded'])*num(r['Price']))
rs=rows('bigcommerce-orders-2025-04-12.csv','utf-8'); 
def pbig(rs,c,g,b):
    seen={}
    for r in rs:
        if r[c] not in g and r['Order Status']=='Partially Refunded': seen[r['Order ID']]=num(r['Refund Amount'])
    return sum(seen.values())
report('bigcommerce',rs,'Customer ID',{'0'},lambda r:r['Order Status'] in('Refunded','Cancelled','Declined'),set(),None,lambda r:num(r['Product Total Price']),pbig)
rs=rows('square-items-2024-01-01-2025-01-01.csv','utf-8')
report('square',rs,'Customer ID',{''},lambda r:num(r['Qty'])<0,{'Delivery Fee'},'Item',lambda r:num(r['Net Sales']))
rs=rows('stripe-unified_payments.csv','utf-8')
report('stripe',rs,'Customer ID',{''},lambda r:r['Status'] in('Refunded','Failed'),set(),None,lambda r:num(r['Amount'])-num(r['Amount Refunded']))
rs=rows('paypal-Download.CSV','utf-8')
report('paypal',rs,'From Email Address',{''},lambda r:r['Status'] in('Refunded','Denied') or num(r['Gross'])<0,set(),None,lambda r:num(r['Gross']))
rs=rows('taobao-ExportOrderList202501.csv','gbk')
report('taobao',rs,'买家会员名',{''},lambda r:r['订单状态'] in('交易关闭','等待买家付款'),{'邮费补差 专拍链接 差多少拍多少'},'宝贝标题',lambda r:num(r['买家实际支付金额'])-num(r['退款金额']))
rs=rows('jd-订单导出.csv','gbk')
report('jd',rs,'下单帐号',{''},lambda r:r['订单状态']=='已取消',set(),None,lambda r:num(r['订购数量'])*num(r['京东价']))
rs=rows('youzan-订单列表.csv','utf-8')
report('youzan',rs,'买家手机号',{''},lambda r:r['订单状态']=='交易关闭',set(),None,lambda r:num(r['商品实际成交金额']))
rs=rows('pinduoduo-orders_export.csv','gbk')
report('pinduoduo',rs,'手机',{''},lambda r:r['订单状态']=='已取消',set(),None,lambda r:num(r['用户实付金额(元)']))
rs=rows('shopee-Order.all.20240601_20250531.csv','utf-8')
report('shopee',rs,'Username (Buyer)',{''},lambda r:r['Order Status'] in('Cancelled','Unpaid'),set(),None,lambda r:num(r['Product Subtotal']))
rs=rows('uci-Online Retail.csv','utf-8')
report('uci',rs,'CustomerID',{''},lambda r:r['InvoiceNo'].startswith('C'),{'POSTAGE','DOTCOM POSTAGE','Manual'},'Description',lambda r:num(r['Quantity'])*num(r['UnitPrice']))
rs=rows('german-Bestellungen.csv','cp1252',';')
report('german',rs,'Kundennummer',{''},lambda r:r['Status'] in('Retoure','storniert'),{'Versandkosten'},'Artikel',lambda r:num(r['Gesamt']))
