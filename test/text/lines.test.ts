import { describe, expect, it } from 'vitest';
import { multiline } from '../../src/text/lines.js';

describe('multiline: channel texts that render line by line', () => {
  it('should make paragraphs of lines and Markdown lists of bullets, dropping empty and missing parts', () => {
    expect(
      multiline('已提交。', ['已通知：甲。', '以下人员未能送达：', '• 乙：会话已不存在', '- 丙：已屏蔽'], undefined, false, '', '请跟进。'),
    ).toBe('已提交。\n\n已通知：甲。\n\n以下人员未能送达：\n\n- 乙：会话已不存在\n- 丙：已屏蔽\n\n请跟进。');
    expect(multiline('a\nb\n\n• c')).toBe('a\n\nb\n\n- c');
    expect(multiline('-5% 不是列表')).toBe('-5% 不是列表');
    expect(multiline()).toBe('');
  });
});
