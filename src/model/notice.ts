import type { PlanSpec } from '../spec/schema.js';
import { paragraphs, TITLE_WIDTHS } from './enrich.js';
import { formatDate } from './format.js';
import type { PlanModel } from './model.js';
import { breakTitle } from './title.js';

/**
 * The plan issued as an official notice (GB/T 9704-2012): the 版头 (份号, 密级, 紧急程度, the red
 * 发文机关标志, 发文字号, 签发人), the notice itself (标题, 主送, 正文, 署名, 成文日期), then the plan on a new
 * page, and the 版记 (抄送, 印发机关和印发日期) on the last page. Every line is worded here, once, so the
 * Markdown and the DOCX carry the same text.
 */
export interface NoticeModel {
  /** 份号: six digits (000123). */
  copy: string | null;
  /** 密级和保密期限, e.g. 秘密★1年. */
  secrecy: string | null;
  urgency: string | null;
  /** 发文机关标志, printed in red. */
  issuer: string;
  number: string | null;
  /** “签发人：王某某” for a document sent up (上行文): the header is then placed lower and the number moves left. */
  signerLine: string | null;
  /** 上行文: has a 签发人. */
  upward: boolean;
  title: string;
  /** The title broken at word boundaries as the plan's title is (GB/T 9704 7.3.1). */
  titleLines: string[];
  /** 主送机关 with its colon. */
  toLine: string | null;
  paragraphs: string[];
  org: string;
  dateText: string;
  /** “抄送：A，B。” or null. */
  ccLine: string | null;
  printedBy: string;
  /** “2026年2月10日印发”. */
  printedDate: string;
}

/** The plan model with its notice, and without the plan's own signature unless the spec asks for one. */
export function withNotice(spec: PlanSpec, model: PlanModel): PlanModel {
  const notice = spec.notice ? noticeModel(spec, model) : null;
  // The notice carries the issuing body and date; the plan printed after it does not sign a second time.
  const signature = notice && !spec.signature ? null : model.signature;
  return { ...model, notice, signature };
}

function noticeModel(spec: PlanSpec, model: PlanModel): NoticeModel {
  const notice = spec.notice!;
  // validateSpec guarantees an issuer or org, and a date, before a notice reaches enrich.
  const issuer = notice.issuer ?? `${spec.org}文件`;
  const org = spec.org ?? issuer.replace(/文件$/, '');
  const date = spec.date!;
  // A title already in 《》 is quoted inside the notice's 《》 with 〈〉.
  const planTitle = model.title.replace(/《/g, '〈').replace(/》/g, '〉');
  const title = notice.title ?? `${org}关于印发《${planTitle}》的通知`;
  const cc = (notice.cc ?? []).map((name) => name.replace(/[，,。.、；;\s]+$/, ''));
  return {
    copy: notice.copy === undefined ? null : String(notice.copy).padStart(6, '0'),
    secrecy: notice.secrecy ?? null,
    urgency: notice.urgency ?? null,
    issuer,
    number: notice.number ?? null,
    signerLine: notice.signer ? `签发人：${notice.signer}` : null,
    upward: Boolean(notice.signer),
    title,
    titleLines: breakTitle(title, TITLE_WIDTHS[model.style]?.title, org),
    toLine: notice.to ? `${notice.to.replace(/[：:]$/, '')}：` : null,
    paragraphs: notice.text
      ? paragraphs(notice.text)
      : [`现将《${planTitle}》印发给你们，请结合各自职责和工作实际，认真组织实施。`],
    org,
    dateText: formatDate('zh-CN', date),
    ccLine: cc.length ? `抄送：${cc.join('，')}。` : null,
    printedBy: notice.printed?.by ?? org,
    printedDate: `${formatDate('zh-CN', notice.printed?.date ?? date)}印发`,
  };
}
