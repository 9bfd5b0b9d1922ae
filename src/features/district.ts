import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { CompleteCardValue, SaveCardValue, handleSave, openCompletionCard } from './district/save-card.js';
import { StartItemValue } from './district/next-step.js';
import { showChecklist, startItem } from './district/checklist.js';
import { SetIndicatorDialog, beginTypedValue, enterIndicators, matchTypedValue } from '../../dialogs/enter-indicators.js';
import {
  RemoveValue,
  UPLOAD_MATERIALS_DIALOG,
  UploadMaterialsDialog,
  UploadValue,
  attachmentsOf,
  materialsItems,
  removeMaterial,
  showMaterials,
} from '../../dialogs/upload-materials.js';
import { SubmitValue, confirmSubmit, submitApplication } from './district/submit.js';
import { computeProgress } from '../domain/progress.js';
import { can, roleMay } from '../domain/access.js';
import { commandLabel } from '../bot/commands.js';
import { showStatistics } from './review/statistics.js';
import { indicatorWorkbookActions, isTemplateArg, sendIndicatorTemplate, takeIndicatorWorkbooks } from './indicator-workbook/workbook.js';

/** The contact's own district, or undefined after saying why there is none. */
async function ownDistrict(turn: Turn): Promise<string | undefined> {
  const { user, s } = turn;
  const id = user?.districtId;
  if (id && s.campaign.district(id) && can(user, 'application.edit', { districtId: id }, s.campaign)) return id;
  // A role that edits applications but has no (known) district is a broken invitation, not a missing feature.
  await turn.say(
    roleMay(user?.role, ['application.edit'])
      ? turn.text.district.noContactDistrict(turn.lang)
      : turn.text.common.notBuilt(turn.lang, commandLabel('indicators', turn.lang)),
  );
  return undefined;
}

const withDistrict = (fn: (turn: Turn, districtId: string) => Promise<void>) => async (turn: Turn) => {
  const id = await ownDistrict(turn);
  if (id) await fn(turn, id);
};

/**
 * District contacts complete the application: checklist, form, veto
 * declaration, indicators, materials and submission.
 */
export function districtFeature(): Feature {
  return {
    name: 'district',
    dialogs: [new SetIndicatorDialog(), new UploadMaterialsDialog()],
    commands: {
      checklist: withDistrict(showChecklist),
      // 指标 模板: the Excel workbook (contacts and the bureau). The statistics bureau's 指标 is its own view of every district (the review chain's feature).
      indicators: async (turn, args) =>
        isTemplateArg(args)
          ? sendIndicatorTemplate(turn)
          : can(turn.user, 'statistics.edit', {}, turn.s.campaign)
            ? showStatistics(turn, args)
            : withDistrict(enterIndicators)(turn),
      materials: withDistrict(showMaterials),
      submit: withDistrict(submitApplication),
    },
    cardActions: [
      { name: 'application.save', schema: SaveCardValue, handle: handleSave, retires: true },
      { name: 'application.complete', schema: CompleteCardValue, handle: openCompletionCard },
      {
        name: 'district.start',
        schema: StartItemValue,
        handle: async (turn, data: StartItemValue) => startItem(turn, data.card.record, data.item),
      },
      {
        name: 'materials.upload',
        schema: UploadValue,
        handle: async (turn, data: { tag: string; card: { record: string } }) => {
          if (!can(turn.user, 'application.edit', { districtId: data.card.record }, turn.s.campaign)) {
            await turn.say(turn.text.district.notYours(turn.lang));
            return;
          }
          await turn.dc.cancelAllDialogs();
          await turn.dc.beginDialog(UPLOAD_MATERIALS_DIALOG, { districtId: data.card.record, tag: data.tag });
        },
      },
      {
        name: 'materials.remove',
        schema: RemoveValue,
        handle: async (turn, data: { fileId: string; card: { record: string } }) => removeMaterial(turn, data.card.record, data.fileId),
      },
      { name: 'application.submit', schema: SubmitValue, handle: confirmSubmit, retires: true },
      ...indicatorWorkbookActions,
    ],
    onMessage: async (turn, text) => {
      const sent = attachmentsOf(turn);
      // An indicator workbook made by 指标 模板 is an import, never a material; the bureau files no materials at all.
      const files = sent.length > 0 ? await takeIndicatorWorkbooks(turn, sent) : sent;
      const districtId = turn.user?.districtId;
      if (!districtId || !can(turn.user, 'application.edit', { districtId }, turn.s.campaign)) return files.length < sent.length;
      if (sent.length > 0 && files.length === 0) return true;
      if (files.length > 0) {
        // Files sent without a request: if only one materials item still needs files, they are for it.
        const { record } = await turn.s.applications.get(districtId);
        const p = computeProgress(turn.s.campaign, record, turn.now);
        const open = materialsItems(turn).filter((i) => p.items.find((x) => x.id === i.id)?.status !== 'done');
        const tag =
          open.length === 1
            ? open[0]!.completion.tag
            : materialsItems(turn).length === 1
              ? materialsItems(turn)[0]!.completion.tag
              : undefined;
        await turn.dc.beginDialog(UPLOAD_MATERIALS_DIALOG, { districtId, tag, attachments: files });
        return true;
      }
      const typed = text ? matchTypedValue(turn.s.campaign, text) : undefined;
      if (!typed) return false;
      await beginTypedValue(turn, districtId, typed);
      return true;
    },
  };
}
