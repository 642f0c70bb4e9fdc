"""Detecting the encoding of documents that are not UTF-8, on realistic texts in several languages.

The texts are short manuals and FAQ pages of a few hundred bytes to
1.5 KB, each encoded as it is commonly stored.
"""


import pytest

from doclint.encoding_detection import detect_encoding, stray_utf8_byte
from doclint.source import SourceError, decode

FRENCH_SHORT = """# Guide

## Résumé des opérations

Les données sont traitées à la réception, puis envoyées à l'équipe chargée de la vérification.
"""

FRENCH_LONG = """# Manuel de l'opérateur

## Présentation

Ce document décrit les opérations quotidiennes du service de facturation. Il s'adresse aux
opérateurs qui préparent les relevés, vérifient les écritures et répondent aux questions des
clients. Chaque étape est décrite dans l'ordre où elle a lieu, avec les contrôles à effectuer.

## Préparation des relevés

1. Ouvrez la console d'administration et sélectionnez la période à traiter.
2. Vérifiez que toutes les écritures de la veille ont été importées ; le compteur en haut à
   droite doit être à zéro.
3. Lancez la génération des relevés. L'opération dure en général moins de dix minutes.
4. Contrôlez le rapport d'anomalies : une écriture rejetée doit être corrigée avant l'envoi.

## Questions fréquentes

**Que faire si un client conteste un prélèvement ?**

Notez la référence du relevé, demandez au client la date du prélèvement et transmettez la
demande au responsable de la comptabilité. Ne modifiez jamais une écriture déjà validée.

**Pourquoi le relevé affiche-t-il un montant négatif ?**

Un montant négatif correspond à un avoir : le client a été remboursé d'une somme qu'il avait
réglée en trop. Aucune action n'est nécessaire, mais vérifiez que l'avoir est bien rattaché au
bon contrat.

## Sécurité

Les mots de passe sont personnels. Verrouillez votre poste dès que vous vous éloignez, même
quelques minutes, et signalez immédiatement toute activité inhabituelle à l'équipe chargée de la
sécurité informatique.
"""

GERMAN = """# Benutzerhandbuch

## Überblick

Dieses Dokument erklärt, wie Sie das Programm installieren, konfigurieren und täglich nutzen.
Für die Installation benötigen Sie Administratorrechte und eine funktionierende Verbindung zum
Firmennetz.

## Häufige Fragen

**Warum schlägt die Anmeldung fehl?**

Prüfen Sie zuerst, ob die Feststelltaste aktiviert ist. Wenn das Passwort älter als neunzig
Tage ist, müssen Sie es ändern, bevor Sie sich wieder anmelden können.

**Wie groß darf eine Datei sein?**

Dateien bis zu zwei Gigabyte werden unterstützt. Größere Dateien teilen Sie bitte in mehrere
Teile auf und laden sie nacheinander hoch.

## Schlüssel und Zugänge

Jeder Mitarbeiter erhält einen persönlichen Schlüssel. Geben Sie ihn niemals weiter und melden
Sie einen Verlust sofort der zuständigen Stelle.
"""

GERMAN_SHORT = """# Größenänderung

Die Größe der Fenster lässt sich über das Menü „Ansicht“ ändern.
"""

SPANISH = """# Guía de instalación

## Introducción

Este documento explica cómo instalar la aplicación en un equipo nuevo. La instalación tarda
unos quince minutos y no requiere conexión a internet después de la descarga inicial.

## Preguntas frecuentes

**¿Qué hago si el instalador se detiene?**

Cierre todas las demás aplicaciones, reinicie el equipo y vuelva a ejecutar el instalador. Si
el problema continúa, envíe el archivo de registro al equipo de soporte técnico.

**¿Puedo usar la aplicación sin conexión?**

Sí. Los datos se sincronizan automáticamente la próxima vez que el equipo se conecte a la red
de la compañía. ¡No apague el equipo durante la sincronización!

## Configuración del año fiscal

El año fiscal comienza en enero. Para cambiarlo, abra el menú de configuración y elija la
opción correspondiente en la sección de contabilidad.
"""

PORTUGUESE = """# Manual do usuário

## Introdução

Este documento descreve as operações básicas do sistema de gestão. As instruções são válidas
para a versão atual e para as versões anteriores que ainda recebem atualizações de segurança.

## Perguntas frequentes

**Como redefinir a senha?**

Na tela de acesso, clique em "Esqueci a senha" e siga as instruções enviadas para o seu
endereço eletrônico. A nova senha deve ter pelo menos doze caracteres.

**O que fazer quando a sincronização não termina?**

Verifique a conexão, feche a aplicação e abra-a novamente. Se a situação persistir, entre em
contato com o suporte e informe o código exibido na notificação.

## Informações sobre privacidade

Os dados pessoais são tratados de acordo com a legislação em vigor e nunca são compartilhados
com terceiros sem autorização expressa do titular.
"""

CP1252_QUOTES = """# Notes de version

## Nouveautés

L’export en PDF prend désormais en charge les en-têtes personnalisés – une demande fréquente des
utilisateurs. Le prix de l’abonnement reste fixé à 12 € par mois.

## Corrections

- Le bouton « Enregistrer » n’était plus actif après une erreur de connexion.
- Les dates du calendrier s’affichaient en anglais dans l’édition française.
"""

CHINESE = """# 用户手册

## 概述

本文档介绍系统的安装、配置和日常使用方法。安装前请确认您拥有管理员权限，并且计算机已经连接到公司网络。

## 常见问题

**登录失败怎么办？**

请先检查大写锁定键是否打开。如果密码已经超过九十天没有修改，系统会要求您先修改密码，然后才能重新登录。

**上传的文件有大小限制吗？**

单个文件最大支持两个吉字节。更大的文件请分成几个部分，依次上传。
"""

CHINESE_TRADITIONAL = """# 使用者手冊

## 概述

本文件說明系統的安裝、設定與日常使用方式。安裝前請確認您擁有管理員權限，並且電腦已經連線到公司網路。

## 常見問題

**登入失敗怎麼辦？**

請先檢查大寫鎖定鍵是否開啟。如果密碼已經超過九十天沒有變更，系統會要求您先變更密碼，然後才能重新登入。
"""

JAPANESE = """# ユーザーマニュアル

## 概要

この文書では、システムのインストール方法、設定方法、日常的な使い方について説明します。インストールの前に、管理者権限があることと、社内ネットワークに接続されていることを確認してください。

## よくある質問

**ログインできない場合はどうすればよいですか？**

まず、キャップスロックがオンになっていないか確認してください。パスワードの有効期限が切れている場合は、パスワードを変更してから再度ログインしてください。
"""

KOREAN = """# 사용자 설명서

## 개요

이 문서는 시스템의 설치 방법, 설정 방법 및 일상적인 사용 방법을 설명합니다. 설치하기 전에 관리자 권한이 있는지, 그리고 회사 네트워크에 연결되어 있는지 확인하십시오.

## 자주 묻는 질문

**로그인이 되지 않으면 어떻게 해야 합니까?**

먼저 Caps Lock 키가 켜져 있는지 확인하십시오. 비밀번호의 유효 기간이 지난 경우에는 비밀번호를 변경한 다음 다시 로그인하십시오.
"""

RUSSIAN = """# Руководство пользователя

## Обзор

Этот документ описывает установку, настройку и повседневное использование системы. Перед
установкой убедитесь, что у вас есть права администратора и что компьютер подключён к сети
компании.

## Часто задаваемые вопросы

**Что делать, если не удаётся войти в систему?**

Сначала проверьте, не включена ли клавиша Caps Lock. Если срок действия пароля истёк, измените
пароль и войдите в систему снова.
"""

CZECH = """# Uživatelská příručka

## Přehled

Tento dokument popisuje instalaci, nastavení a každodenní používání systému. Před instalací
ověřte, že máte oprávnění správce a že je počítač připojen k firemní síti.

## Časté dotazy

**Co dělat, když se nelze přihlásit?**

Nejprve zkontrolujte, zda není zapnutá klávesa Caps Lock. Pokud platnost hesla vypršela, změňte
heslo a přihlaste se znovu. Při opakovaných potížích kontaktujte oddělení podpory.
"""

POLISH = """# Podręcznik użytkownika

## Przegląd

Ten dokument opisuje instalację, konfigurację i codzienne korzystanie z systemu. Przed
instalacją upewnij się, że masz uprawnienia administratora i że komputer jest połączony z siecią
firmową.

## Często zadawane pytania

**Co zrobić, gdy nie można się zalogować?**

Najpierw sprawdź, czy klawisz Caps Lock nie jest włączony. Jeśli hasło wygasło, zmień je i zaloguj
się ponownie. W razie dalszych kłopotów skontaktuj się z działem wsparcia.
"""

HUNGARIAN = """# Felhasználói kézikönyv

## Áttekintés

Ez a dokumentum a rendszer telepítését, beállítását és mindennapi használatát írja le. A
telepítés előtt győződjön meg arról, hogy rendszergazdai jogosultsággal rendelkezik, és hogy a
számítógép csatlakozik a vállalati hálózathoz.

## Gyakori kérdések

**Mi a teendő, ha nem sikerül a bejelentkezés?**

Először ellenőrizze, hogy nincs-e bekapcsolva a Caps Lock billentyű. Ha a jelszó lejárt,
változtassa meg, majd jelentkezzen be újra.
"""

TURKISH = """# Kullanıcı kılavuzu

## Genel bakış

Bu belge, sistemin kurulumunu, yapılandırılmasını ve günlük kullanımını açıklar. Kurulumdan önce
yönetici haklarına sahip olduğunuzdan ve bilgisayarın şirket ağına bağlı olduğundan emin olun.

## Sık sorulan sorular

**Giriş yapamazsam ne yapmalıyım?**

Önce Caps Lock tuşunun açık olup olmadığını kontrol edin. Şifrenizin süresi dolduysa şifrenizi
değiştirin ve yeniden giriş yapın.
"""

GREEK = """# Εγχειρίδιο χρήστη

## Επισκόπηση

Αυτό το έγγραφο περιγράφει την εγκατάσταση, τη ρύθμιση και την καθημερινή χρήση του συστήματος.
Πριν από την εγκατάσταση, βεβαιωθείτε ότι έχετε δικαιώματα διαχειριστή και ότι ο υπολογιστής
είναι συνδεδεμένος στο δίκτυο της εταιρείας.

## Συχνές ερωτήσεις

**Τι κάνω αν δεν μπορώ να συνδεθώ;**

Ελέγξτε πρώτα αν είναι ενεργοποιημένο το πλήκτρο Caps Lock. Αν ο κωδικός πρόσβασης έχει λήξει,
αλλάξτε τον και συνδεθείτε ξανά.
"""

LITHUANIAN = """# Naudotojo vadovas

## Apžvalga

Šiame dokumente aprašomas sistemos diegimas, konfigūravimas ir kasdienis naudojimas. Prieš
diegdami įsitikinkite, kad turite administratoriaus teises ir kad kompiuteris prijungtas prie
įmonės tinklo.

## Dažnai užduodami klausimai

**Ką daryti, jei nepavyksta prisijungti?**

Pirmiausia patikrinkite, ar neįjungtas Caps Lock klavišas. Jei slaptažodžio galiojimas baigėsi,
pakeiskite jį ir vėl prisijunkite.
"""


REPORTED = "# Guide\n\n## Résumé des opérations\n\n" + (
    "Les données sont traitées à la réception, puis envoyées à l'équipe chargée de la vérification.\n" * 3
)
"""French text whose Latin-1 bytes charset-normalizer ranks as cp775 first."""


FRENCH_ONE_LINE = "# Notes\n\nLe problème est très délicat. Élève, père, mère, frère: où êtes-vous?\n"
"""French text whose Latin-1 bytes decode with the same chaos and coherence as cp1250 ("problčme")."""

PORTUGUESE_ONE_LINE = "A informação não está disponível; a situação é crítica.\n"


def check_detected(text: str, stored_as: str, detected: str) -> None:
    source = decode("doc.md", text.encode(stored_as))

    assert source.text == text
    assert source.encoding == detected
    assert source.detected is True


@pytest.mark.parametrize(
    ("text", "stored_as", "detected"),
    [
        pytest.param(REPORTED, "latin-1", "cp1252", id="french-read-as-cp775"),
        pytest.param(GERMAN, "latin-1", "cp1252", id="german-named-cp1250"),
        pytest.param(GERMAN_SHORT, "cp1252", "cp1252", id="german-short-with-quotes"),
        pytest.param(PORTUGUESE, "latin-1", "cp1252", id="portuguese-latin-1"),
        pytest.param(PORTUGUESE, "cp1252", "cp1252", id="portuguese-cp1252"),
        pytest.param(POLISH, "iso8859_2", "iso8859-2", id="polish-iso8859-2"),
        pytest.param(LITHUANIAN, "cp1257", "cp1257", id="lithuanian-cp1257"),
        pytest.param(FRENCH_ONE_LINE, "latin-1", "cp1252", id="french-not-cp1250"),
        pytest.param(FRENCH_ONE_LINE, "cp1252", "cp1252", id="french-cp1252-not-cp1250"),
        pytest.param(PORTUGUESE_ONE_LINE, "latin-1", "cp1252", id="portuguese-not-cp1250"),
        pytest.param(CZECH, "iso8859_2", "iso8859-2", id="czech-iso8859-2-not-cp1250"),
    ],
)
def test_detection_prefers_common_encoding(text, stored_as, detected):
    check_detected(text, stored_as, detected)


@pytest.mark.parametrize(
    ("text", "stored_as", "detected"),
    [
        pytest.param(CHINESE_TRADITIONAL, "big5", "big5", id="big5"),
        pytest.param(JAPANESE, "shift_jis", "cp932", id="shift_jis"),
        pytest.param(JAPANESE, "euc_jp", "euc_jp", id="euc_jp"),
        pytest.param(KOREAN, "euc_kr", "euc_kr", id="euc_kr"),
    ],
)
def test_detection_reads_east_asian_multibyte(text, stored_as, detected):
    check_detected(text, stored_as, detected)


@pytest.mark.parametrize(
    ("text", "stored_as", "detected"),
    [
        pytest.param(FRENCH_SHORT, "latin-1", "cp1252", id="french-short"),
        pytest.param(FRENCH_LONG, "cp1252", "cp1252", id="french-long"),
        pytest.param(SPANISH, "latin-1", "cp1252", id="spanish"),
        pytest.param(CP1252_QUOTES, "cp1252", "cp1252", id="cp1252-quotes-and-euro"),
        pytest.param(CHINESE, "gbk", "gb18030", id="gbk"),
        pytest.param(CHINESE, "gb18030", "gb18030", id="gb18030"),
        pytest.param(RUSSIAN, "cp1251", "cp1251", id="russian-cp1251"),
        pytest.param(RUSSIAN, "koi8_r", "koi8-r", id="russian-koi8-r"),
        pytest.param(CZECH, "cp1250", "cp1250", id="czech-cp1250"),
        pytest.param(POLISH, "cp1250", "cp1250", id="polish-cp1250"),
        pytest.param(HUNGARIAN, "cp1250", "cp1250", id="hungarian-cp1250"),
        pytest.param(TURKISH, "cp1254", "cp1254", id="turkish-cp1254"),
        pytest.param(GREEK, "cp1253", "cp1253", id="greek-cp1253"),
    ],
)
def test_detection_that_worked_unchanged(text, stored_as, detected):
    """Texts that charset-normalizer's first choice already read right must keep that encoding."""
    check_detected(text, stored_as, detected)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n", id="one latin-1 letter"),
        pytest.param("# Руководство пользователя\n\n## Обзор\n".encode("koi8_r"), id="koi8-r heading as half-width katakana"),
        pytest.param(
            "**ログインできない場合はどうすればよいですか？**\n\n".encode("shift_jis"), id="shift_jis that is also cp949"
        ),
        pytest.param("# 標題\n\n正文。\n".encode("big5"), id="four big5 characters"),
    ],
)
def test_ambiguous_text_not_detected(data):
    assert detect_encoding(data) is None
    with pytest.raises(SourceError, match=r"^doc\.md: invalid utf-8 at byte \d+ \(line \d\); pass --encoding"):
        decode("doc.md", data)


def test_latin1_copy_is_exact_copy(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_utf8.md").write_text(REPORTED, encoding="utf-8")
    (tmp_path / "b_latin1.md").write_bytes(REPORTED.encode("latin-1"))

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", ".")

    assert code == 1
    assert stderr == ""
    assert stdout.splitlines() == [
        'b_latin1.md:1:1: DL101 duplicate-section [~] section "Guide" repeats section "Guide" (line 1 of a_utf8.md) '
        "word for word; remove this copy",
        "b_latin1.md:1:1: DL901 detected-encoding the file is not UTF-8; doclint read it as cp1252, "
        "and --fix writes it back in cp1252; pass --encoding NAME if that is wrong",
        "Found 2 problems (1 error, 0 warnings, 1 info) in 2 files.",
        "[~] 1 more fixable with --fix --unsafe-fixes.",
    ]


def test_latin1_copy_in_chinese(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b_latin1.md").write_bytes(REPORTED.encode("latin-1"))

    code, stdout, _stderr = run_cli("--lang", "zh-CN", "check", "--no-config", "--no-cache", "b_latin1.md")

    assert code == 0
    assert stdout.splitlines()[0] == (
        "b_latin1.md:1:1: DL901 detected-encoding 文件不是 UTF-8 编码；doclint 按 cp1252 读取，--fix 也会按 cp1252 写回；"
        "如果编码不对，请用 --encoding NAME 指定"
    )


def test_fix_writes_latin1_back(run_cli, tmp_path):
    path = tmp_path / "b_latin1.md"
    text = REPORTED + "\n## Résumé des opérations\n\n" + REPORTED.split("\n\n", 2)[2]
    path.write_bytes(text.encode("latin-1"))

    run_cli("check", "--no-config", "--no-cache", "--fix", str(path))

    assert path.read_bytes() == REPORTED.encode("latin-1")


STRAY_BYTE_FILE = "# 标题\n\n".encode() + "这是一段正常的中文文本。\n".encode() * 12 + b"bad line \xff here\n"


def test_stray_byte_in_utf8_file(run_cli, tmp_path):
    path = tmp_path / "stray.md"
    path.write_bytes(STRAY_BYTE_FILE)
    code, stdout, stderr = run_cli("check", "--no-cache", str(path))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: error: {path}: invalid utf-8 at byte 463 (line 15) of a file that is UTF-8 apart from it; "
        "correct or remove that byte\n"
    )


def test_stray_byte_with_named_encoding(run_cli, tmp_path):
    path = tmp_path / "stray.md"
    path.write_bytes(STRAY_BYTE_FILE)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--encoding", "gb18030", str(path))
    assert code == 2
    assert stderr == (
        f"doclint: error: {path}: invalid gb18030 at byte 18 (line 3), but the file is UTF-8 apart from byte 463 "
        "(line 15); correct or remove that byte and check the file as UTF-8\n"
    )


def test_few_latin1_accents_keep_encoding_advice():
    assert stray_utf8_byte("Café au lait, s'il vous plaît.\n".encode("latin-1")) is None
