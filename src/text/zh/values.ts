/** What a typed value's check says when it fails; the same for every campaign. */
export const values = {
  required: '必填',
  notNumber: (unit?: string) => `请填写数字${unit ? `（单位：${unit}）` : ''}，如 70、1.5万、三千五百`,
  range: (min: string, max: string) => `应在 ${min} 到 ${max} 之间`,
  decimals: (d: number) => (d === 0 ? '应为整数' : `最多 ${d} 位小数`),
  yesNo: '请选择“是”或“否”',
  tooShort: (n: number) => `至少 ${n} 个字`,
  tooLong: (n: number) => `最多 ${n} 个字`,
  phone: '电话格式不对：手机 11 位，或座机（区号-号码）',
  yes: '是',
  no: '否',
};
