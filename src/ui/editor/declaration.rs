//! 项目支出绩效目标申报表 (DOMAIN §1.4), and the link between a declaration
//! and the self-evaluations made from it.

use leptos::prelude::*;

use super::{add_row, CellInput, Ctx, RowTools, YearInput};
use crate::core::drafts::Draft;
use crate::core::edit::{self, Table};
use crate::core::field::{Field, Header, IndicatorColumn};
use crate::core::model::{Form, Level2};
use crate::ui::state::App;

#[component]
pub fn DeclarationSheet() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let app = expect_context::<App>();
    let year = move || ctx.form.with(|f| f.year().map(|y| y.to_string()).unwrap_or_default());
    let rows = move || {
        ctx.form.with(|f| match f {
            Form::Declaration(d) => d.indicators.len(),
            _ => 0,
        })
    };
    let header = |label: &'static str, h: Header| {
        view! { <th>{label}</th><td><CellInput field=Field::Header(h)/></td> }
    };
    // A self-evaluation for the same project and year, linked both ways.
    let make_self_evaluation = move |_| {
        let Some(decl) = ctx.form.with_untracked(|f| match f {
            Form::Declaration(d) => Some(d.clone()),
            _ => None,
        }) else {
            return;
        };
        let mut draft = app.new_draft(Form::Project(edit::self_evaluation_from(&decl)), true);
        draft.declaration = Some(ctx.draft_id.get_value());
        if app.save_or_warn(&draft).is_some() {
            app.notice.set(Some(format!(
                "已按申报表生成自评表“{}”（{} 条指标），请填写实际完成值和得分。",
                draft.form.name().trim(),
                decl.indicators.iter().filter(|i| !i.is_blank()).count()
            )));
            app.open_editor(&draft.id);
        }
    };
    view! {
        <div class="summary" data-testid="summary">
            <span>"申报表不评分；右侧列出审核要点。"</span>
            <button type="button" class="primary" data-testid="selfeval-from-decl"
                title="按本申报表生成项目支出绩效自评表草稿：项目名称、单位、金额和全部指标（含指标值）带入，实际完成值和得分留待填写"
                on:click=make_self_evaluation>"生成自评表"</button>
        </div>
        <LinkedSelfEvaluations/>
        <h2 class="sheet-title">{move || format!("{}年度项目支出绩效目标申报表", year())}</h2>
        <table class="form-table">
            <tr>{header("部门（单位）名称", Header::Unit)}<th>"预算年度"</th><td><YearInput label="预算年度"/></td></tr>
            <tr><th>"项目名称"</th><td colspan="3"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td></tr>
            <tr><th>"预算金额"</th><td><CellInput field=Field::Header(Header::Budget) placeholder="如：3512730元 或 351.27万元"/></td>{header("项目类型", Header::ProjectType)}</tr>
            <tr>{header("项目负责人", Header::Leader)}{header("联系电话", Header::Phone)}</tr>
            <tr>{header("单位地址", Header::Address)}{header("邮政编码", Header::Postcode)}</tr>
            <tr><th>"项目绩效目标"</th><td colspan="3"><CellInput field=Field::Header(Header::TargetGoal) multiline=true/></td></tr>
        </table>
        <table class="form-table indicators" data-field="indicators">
            <thead><tr><th>"一级指标"</th><th>"二级指标"</th><th>"具体指标（指标内容）"</th><th>"指标值"</th><th class="row-tools">"调整"</th></tr></thead>
            <tbody>
                <For each=move || 0..rows() key=|i| *i let:row>
                    <DeclaredRow row=row/>
                </For>
            </tbody>
        </table>
        <div class="add-rows">
            <super::RemoveBlankRows/>
            "添加指标："
            {Level2::ALL.into_iter().map(|l| view! {
                <button type="button" data-testid="add-indicator" data-level2=format!("{l:?}")
                    on:click=move |_| add_row(ctx, Table::Main, l, |at| Field::indicator(at, IndicatorColumn::Content))>{l.label()}</button>
            }).collect_view()}
        </div>
        <table class="form-table">
            <tr><th>"其他说明的问题"</th><td><CellInput field=Field::Header(Header::OtherNotes) multiline=true/></td></tr>
        </table>
    }
}

#[component]
fn DeclaredRow(row: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let levels = move || {
        ctx.form.with(|f| match f {
            Form::Declaration(d) => {
                let this = d.indicators.get(row)?;
                let prev = row.checked_sub(1).and_then(|p| d.indicators.get(p));
                Some((
                    this.level2,
                    this.level2_text().to_string(),
                    prev.map(|p| p.level2.level1()) != Some(this.level2.level1()),
                    prev.map(|p| p.level2) != Some(this.level2),
                ))
            }
            _ => None,
        })
    };
    // Shown on a group's first row; kept for screen readers on every row.
    let first_of = move |level: usize| levels().is_some_and(|(_, _, first1, first2)| if level == 1 { first1 } else { first2 });
    view! {
        <tr class="indicator" data-testid="indicator-row">
            <th class="level1"><span class:sr-only=move || !first_of(1)>{move || levels().map(|(l, ..)| l.level1().label())}</span></th>
            <th class="level2"><span class:sr-only=move || !first_of(2)>{move || levels().map(|(_, label, ..)| label)}</span></th>
            <td><CellInput field=Field::indicator(row, IndicatorColumn::Content) multiline=true placeholder="如：培训次数"/></td>
            <td><CellInput field=Field::indicator(row, IndicatorColumn::Target) testid="indicator-target" multiline=true placeholder="如：≥4次"/></td>
            <td class="row-tools"><RowTools table=Table::Main index=row/></td>
        </tr>
    }
}

/// Drafts whose form is a declaration, not in the recycle bin: (id, name).
fn declarations(app: &App) -> Vec<(String, String)> {
    app.drafts.with(|ds| {
        ds.iter()
            .filter(|d| d.deleted_at.is_none() && matches!(d.form, Form::Declaration(_)))
            .map(|d| (d.id.clone(), label(d)))
            .collect()
    })
}

fn label(d: &Draft) -> String {
    let name = d.form.name().trim();
    let name = if name.is_empty() { d.form.unnamed() } else { name };
    match d.form.year() {
        Some(y) => format!("{name}（{y}年度）"),
        None => name.to_string(),
    }
}

/// On a declaration: the self-evaluations linked to it.
#[component]
fn LinkedSelfEvaluations() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let app = expect_context::<App>();
    let linked = move || {
        let me = ctx.draft_id.get_value();
        app.drafts.with(|ds| {
            ds.iter()
                .filter(|d| d.deleted_at.is_none() && d.declaration.as_deref() == Some(me.as_str()))
                .map(|d| (d.id.clone(), label(d)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let list = linked();
            (!list.is_empty()).then(|| view! {
                <p class="linked" data-testid="linked-selfevals">
                    "已关联的自评表："
                    {list.into_iter().map(|(id, name)| view! {
                        <a href="#" on:click=move |ev| { ev.prevent_default(); app.open_editor(&id) }>{name}</a>" "
                    }).collect_view()}
                </p>
            })
        }}
    }
}

/// On a self-evaluation: its declaration, to open or to pick by hand.
#[component]
pub fn LinkedDeclaration() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let app = expect_context::<App>();
    let current = move || {
        let id = ctx.link.get()?;
        declarations(&app).into_iter().find(|(d, _)| *d == id)
    };
    let choose = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ctx.link.set((!v.is_empty()).then_some(v));
    };
    view! {
        <div class="linked" data-testid="linked-declaration">
            {move || match current() {
                Some((id, name)) => view! {
                    <span>"关联申报表："</span>
                    <a href="#" data-testid="open-linked-declaration" on:click=move |ev| { ev.prevent_default(); app.open_editor(&id) }>{name}</a>
                    <span class="hint">"（自评指标与申报指标逐项对照，差异列在右侧）"</span>
                }.into_any(),
                None if ctx.link.get().is_some() => view! { <span class="hint">"关联的申报表已删除或在回收站中。"</span> }.into_any(),
                None => view! { <span class="hint">"未关联申报表。"</span> }.into_any(),
            }}
            {move || {
                let options = declarations(&app);
                (!options.is_empty()).then(|| view! {
                    <label>" 选择申报表："
                        <select data-testid="link-declaration" on:change=choose prop:disabled=move || ctx.read_only.get()>
                            <option value="" selected=move || ctx.link.get().is_none()>"（不关联）"</option>
                            {options.into_iter().map(|(id, name)| {
                                let selected = { let id = id.clone(); move || ctx.link.get().as_deref() == Some(id.as_str()) };
                                view! { <option value=id selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                })
            }}
        </div>
    }
}
