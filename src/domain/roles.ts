import type { Role } from '../campaign/schema.js';

/** What each role is called in replies. */
export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  contact: { zh: '区县联系人', en: 'district contact' },
  division: { zh: '指导处室负责人', en: 'division lead' },
  office: { zh: '市局创建活动办公室', en: 'campaign office' },
  inspector: { zh: '国家土地督察北京局', en: 'inspection bureau' },
  statistics: { zh: '市统计局', en: 'statistics bureau' },
};
