import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import { type AccountScope, AppError } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { getReturnPolicy, pickText } from './return-policy.ts';
import { getCustomerReturn, getReturn, type ReturnDetail } from './returns.ts';

type SlipLocale = 'en' | 'ja' | 'zh';

const LABELS: Record<SlipLocale, Record<string, string>> = {
  en: {
    title: 'Return slip', order: 'Order', date: 'Requested', customer: 'Customer', item: 'Item', qty: 'Qty', resolution: 'You asked for',
    refund: 'a refund', exchange: 'an exchange', reason: 'Reason', sendTo: 'Send to', instructions: 'What to do', scan: 'Show this code at a store counter, or put this slip in the parcel.',
  },
  ja: {
    title: '返品伝票', order: 'ご注文番号', date: '受付日', customer: 'お客様', item: '商品', qty: '数量', resolution: 'ご希望', refund: '返金', exchange: '交換',
    reason: '理由', sendTo: '返送先', instructions: 'お手続き', scan: '店頭でこのコードをご提示いただくか、この伝票を荷物に同封してください。',
  },
  zh: {
    title: '退货单', order: '订单号', date: '申请日期', customer: '顾客', item: '商品', qty: '数量', resolution: '您申请', refund: '退款', exchange: '换货',
    reason: '原因', sendTo: '寄回地址', instructions: '操作说明', scan: '请在门店出示此二维码，或将本单放入包裹中。',
  },
};

/** Where Debian (fonts-noto-cjk) and other systems keep a CJK font; the first that exists is used. */
const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];
/** Inside the collection, the face whose glyph shapes suit the language (Han characters differ between them). */
const FACE_BY_LOCALE: Record<SlipLocale, string> = { en: 'NotoSansCJKjp-Regular', ja: 'NotoSansCJKjp-Regular', zh: 'NotoSansCJKsc-Regular' };

/** The CJK font file, or null when none is installed (the slip then prints in English with a built-in font). */
export function findCjkFontFile(candidates: readonly string[] = CJK_FONT_FILES): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

function formatMoney(minor: number, currency: string, locale: string) {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}

export interface SlipContent {
  shopName: string;
  ret: ReturnDetail;
  customerName: string;
  returnAddress: string;
  instructions: string;
  locale: string;
}

/** Text a built-in PDF font can draw: anything past Latin-1 becomes '?'. Used only when no CJK font is installed. */
const latin1 = (text: string) => text.replace(/[^\u0000-\u00ff]/g, '?');

/**
 * Draws the slip: the return number large, order and date, the lines, what the customer asked for, where to send it,
 * the instructions, and a QR code of `touchpoint:return:<returnId>` that store mode reads. A4, one page.
 */
export async function drawReturnSlip(content: SlipContent, fontFile: string | null = findCjkFontFile()): Promise<Buffer> {
  const wanted = (['en', 'ja', 'zh'].includes(content.locale.slice(0, 2)) ? content.locale.slice(0, 2) : 'en') as SlipLocale;
  // Without a CJK font, Japanese or Chinese labels cannot be drawn: the slip falls back to English.
  const locale: SlipLocale = fontFile ? wanted : 'en';
  const L = LABELS[locale];
  const t = fontFile ? (text: string) => text : latin1;
  const { ret } = content;
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${LABELS[locale].title} ${ret.number}`, Author: t(content.shopName) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (fontFile) {
    doc.registerFont('body', fontFile, FACE_BY_LOCALE[locale]);
    doc.font('body');
  } else {
    doc.font('Helvetica');
  }

  const qr = QRCode.create(`touchpoint:return:${ret.id}`, { errorCorrectionLevel: 'M' });
  const qrSize = 132;
  const cell = qrSize / qr.modules.size;
  const qrX = doc.page.width - doc.page.margins.right - qrSize;
  const qrY = doc.page.margins.top;
  for (let row = 0; row < qr.modules.size; row += 1) {
    for (let col = 0; col < qr.modules.size; col += 1) {
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell, cell);
    }
  }
  doc.fill('#000000');

  const left = doc.page.margins.left;
  const textWidth = qrX - left - 16;
  doc.fontSize(11).fillColor('#555555').text(t(content.shopName), left, qrY, { width: textWidth });
  doc.fontSize(22).fillColor('#000000').text(L.title!, { width: textWidth });
  doc.fontSize(30).text(ret.number, { width: textWidth });
  doc.fontSize(11).text(`${L.order}: ${t(ret.orderNumber)}    ${L.date}: ${ret.createdAt.slice(0, 10)}`, { width: textWidth });
  doc.text(`${L.customer}: ${t(content.customerName)}`, { width: textWidth });
  doc.y = Math.max(doc.y, qrY + qrSize) + 20;

  const pageWidth = doc.page.width - left - doc.page.margins.right;
  const qtyX = left + pageWidth - 60;
  doc.fontSize(10).fillColor('#555555').text(L.item!, left, doc.y, { width: pageWidth - 80, continued: false });
  doc.text(L.qty!, qtyX, doc.y - doc.currentLineHeight(), { width: 60, align: 'right' });
  doc.moveTo(left, doc.y + 2).lineTo(left + pageWidth, doc.y + 2).strokeColor('#999999').stroke();
  doc.moveDown(0.5).fillColor('#000000').fontSize(12);
  for (const line of ret.lines) {
    const y = doc.y;
    const detail = [line.variant, line.sku].filter(Boolean).join(' · ');
    doc.text(t(line.title), left, y, { width: pageWidth - 80 });
    if (detail) doc.fontSize(9).fillColor('#555555').text(t(detail), { width: pageWidth - 80 }).fontSize(12).fillColor('#000000');
    const after = doc.y;
    doc.text(String(line.quantity), qtyX, y, { width: 60, align: 'right' });
    doc.y = after + 4;
  }
  doc.moveTo(left, doc.y).lineTo(left + pageWidth, doc.y).strokeColor('#999999').stroke();
  doc.moveDown(1);

  const amount = ret.resolution === 'refund' ? ` (${formatMoney(ret.refundMinor, ret.currency, locale)})` : '';
  doc.fontSize(12).text(`${L.resolution}: ${L[ret.resolution]}${amount}`, left, doc.y, { width: pageWidth });
  doc.text(`${L.reason}: ${t(ret.policyReasonLabel)}`, { width: pageWidth });
  if (content.returnAddress.trim()) {
    doc.moveDown(1).fontSize(10).fillColor('#555555').text(L.sendTo!, { width: pageWidth });
    doc.fontSize(12).fillColor('#000000').text(t(content.returnAddress), { width: pageWidth });
  }
  if (content.instructions.trim()) {
    doc.moveDown(1).fontSize(10).fillColor('#555555').text(L.instructions!, { width: pageWidth });
    doc.fontSize(12).fillColor('#000000').text(t(content.instructions), { width: pageWidth });
  }
  doc.moveDown(1.5).fontSize(10).fillColor('#555555').text(L.scan!, { width: pageWidth });
  doc.end();
  return done;
}

async function slipContent(db: Database, scope: AccountScope, ret: ReturnDetail, locale: string | undefined): Promise<SlipContent> {
  if (ret.status === 'rejected' || ret.status === 'cancelled') throw new AppError('conflict', 'Conflict', `Return ${ret.number} is ${ret.status}; it has no slip.`);
  const [account] = await db.select({ name: schema.accounts.name }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  const [contact] = ret.contactId ? await db.select({ name: schema.contacts.name }).from(schema.contacts).where(eq(schema.contacts.id, ret.contactId)) : [];
  const policy = await getReturnPolicy(db, scope);
  const lang = locale ?? ret.locale;
  return { shopName: account?.name ?? '', ret, customerName: contact?.name ?? '', returnAddress: policy.returnAddress, instructions: pickText(policy.instructions, lang), locale: lang };
}

/** The customer's printable return slip (PDF), in their language unless `locale` says otherwise. */
export async function renderReturnSlipPdf(db: Database, scope: AccountScope, contactId: string, returnId: string, options: { locale?: string } = {}): Promise<Buffer> {
  const ret = await getCustomerReturn(db, scope, contactId, returnId);
  return drawReturnSlip(await slipContent(db, scope, ret, options.locale));
}

/** The same slip for an agent or store staff (any return of the account). */
export async function renderReturnSlipForStaff(db: Database, scope: AccountScope, returnId: string, options: { locale?: string } = {}): Promise<Buffer> {
  const ret = await getReturn(db, scope, returnId);
  return drawReturnSlip(await slipContent(db, scope, ret, options.locale));
}
